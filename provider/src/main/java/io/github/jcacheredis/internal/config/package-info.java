/** How a CacheManager's settings are read and validated: the Redis address, key prefix, timeouts. */
package io.github.jcacheredis.internal.config;
