/** How a CacheManager's settings are read and validated: the Redis address, key prefix, timeouts. */
@NullMarked
package io.github.jcacheredis.internal.config;

import org.jspecify.annotations.NullMarked;
