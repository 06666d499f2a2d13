/**
 * Spring Boot's cache abstraction on jcache-redis through its starter: a cached product catalogue, with the starter's
 * Actuator health component and cache metrics for the Redis behind it.
 */
package io.github.jcacheredis.examples.spring;
