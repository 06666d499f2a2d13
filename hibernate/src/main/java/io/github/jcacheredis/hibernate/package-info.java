/**
 * Hibernate ORM's second-level cache in jcache-redis with no stale window across nodes: the region factory
 * {@code jcache-redis} ({@link io.github.jcacheredis.hibernate.RedisRegionFactory}), built on hibernate-jcache.
 */
package io.github.jcacheredis.hibernate;
