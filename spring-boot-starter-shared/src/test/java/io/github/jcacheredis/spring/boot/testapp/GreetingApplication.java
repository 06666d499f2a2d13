package io.github.jcacheredis.spring.boot.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * The smallest caching application: {@code @EnableCaching} and one {@code @Cacheable} service, with no cache
 * configuration of its own. Its package, scanned for components, holds nothing else.
 */
@SpringBootApplication
@EnableCaching
public class GreetingApplication {
}
