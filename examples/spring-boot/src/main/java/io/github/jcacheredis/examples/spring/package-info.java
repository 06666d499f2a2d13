/**
 * Spring Boot's cache abstraction on jcache-redis: a cached product catalogue and an Actuator health indicator for
 * the Redis behind it.
 */
package io.github.jcacheredis.examples.spring;
