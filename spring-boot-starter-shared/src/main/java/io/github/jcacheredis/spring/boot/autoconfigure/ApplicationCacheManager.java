package io.github.jcacheredis.spring.boot.autoconfigure;

import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.RedisCachingProvider;
import io.github.jcacheredis.internal.config.YamlConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Opens the application's JCache CacheManager on jcache-redis: where its configuration comes from, under which URI,
 * and the caches {@code spring.cache.cache-names} asks for.
 *
 * <ul>
 *   <li>With a YAML file ({@code spring.cache.jcache.config}, else {@code jcache-redis.yaml} on the class path), the
 *       URI is the file's location, as Spring Boot passes it to any JCache provider; the file wins over the Spring
 *       properties for every setting it makes, and what it leaves unset comes from them.</li>
 *   <li>Without one, the URI is {@code jcache-redis://spring/<spring.application.name>}, with a suffix for the
 *       second and later contexts of a JVM. JSR-107 hands out one CacheManager per URI, so two contexts (tests, say)
 *       never share a CacheManager that closing either would close, nor one configured by the other's
 *       properties.</li>
 * </ul>
 */
final class ApplicationCacheManager {

  /** What {@code spring.cache.jcache.config} defaults to, like the provider's default CacheManager. */
  static final String DEFAULT_CONFIG = "classpath:" + YamlConfiguration.DEFAULT_RESOURCE;

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationCacheManager.class);
  private static final AtomicInteger CONTEXTS = new AtomicInteger();

  private ApplicationCacheManager() {
  }

  /**
   * @param environment         the application's environment
   * @param resources           resolves the configuration file's location
   * @param classLoader         the application's class loader
   * @param ours                {@code jcache-redis.*}
   * @param applicationPackages the packages of the application's {@code @SpringBootApplication}
   * @return the open CacheManager, holding the caches {@code spring.cache.cache-names} lists
   * @throws IllegalStateException naming the Spring property at fault when the provider refuses the settings
   */
  static CacheManager open(Environment environment, ResourceLoader resources, ClassLoader classLoader,
      JCacheRedisProperties ours, List<String> applicationPackages) {
    Binder binder = Binder.get(environment);
    Resource file = configFile(binder, resources);
    URI uri = file == null ? contextUri(environment) : uriOf(file);
    ManagerProperties settings;
    try {
      settings = ManagerProperties.of(ours, SpringDataRedis.from(environment), applicationPackages);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    if (file != null) {
      YamlConfiguration yaml = YamlConfiguration.load(uri, false, classLoader, System::getenv);
      settings.yieldTo(yaml.managerProperties());
    }
    Properties properties = settings.properties();
    CachingProvider provider = Caching.getCachingProvider(RedisCachingProvider.class.getName(), classLoader);
    CacheManager cacheManager;
    try {
      cacheManager = provider.getCacheManager(uri, classLoader, properties);
    } catch (CacheException e) {
      throw new IllegalStateException(e.getMessage() + explain(settings.origins()), e);
    }
    LOG.info("JCache CacheManager {} on jcache-redis{}", uri, file == null ? "" : ", configured by " + file);
    try {
      createListed(cacheManager, binder.bind("spring.cache.cache-names", Bindable.listOf(String.class))
          .orElse(List.of()), () -> CacheDefaults.configuration(ours.getDefaults()));
    } catch (RuntimeException e) {
      cacheManager.close();
      throw e;
    }
    return cacheManager;
  }

  /**
   * Opens each listed cache. A cache the YAML file declares, or that another JVM created, exists already: listing it
   * too is not an error ("already exists" is what Spring Boot's own JCache support would fail with).
   */
  static void createListed(CacheManager cacheManager, List<String> names,
      Supplier<RedisCacheConfiguration<Object, Object>> defaults) {
    for (String name : names) {
      OnDemandJCacheCacheManager.open(cacheManager, name, defaults.get());
    }
  }

  private static Resource configFile(Binder binder, ResourceLoader resources) {
    String location = binder.bind("spring.cache.jcache.config", String.class).orElse(null);
    if (location != null) {
      Resource resource = resources.getResource(location.trim());
      if (!resource.exists()) {
        throw new IllegalStateException("spring.cache.jcache.config names " + location + ", which does not exist");
      }
      return resource;
    }
    Resource fallback = resources.getResource(DEFAULT_CONFIG);
    return fallback.exists() ? fallback : null;
  }

  private static URI uriOf(Resource file) {
    try {
      // The file's real location (file:, or jar:nested: inside an executable jar), as Spring Boot passes it.
      return file.getURI();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot locate " + file, e);
    }
  }

  private static URI contextUri(Environment environment) {
    String name = environment.getProperty("spring.application.name", "application")
        .replaceAll("[^A-Za-z0-9._-]", "-");
    int context = CONTEXTS.incrementAndGet();
    return URI.create("jcache-redis://spring/" + name + (context == 1 ? "" : "-" + context));
  }

  private static String explain(Map<String, String> origins) {
    if (origins.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(" (the jcacheredis.* properties came from ");
    origins.forEach((property, origin) -> text.append(property).append(" <- ").append(origin).append("; "));
    text.setLength(text.length() - 2);
    return text.append(')').toString();
  }
}
