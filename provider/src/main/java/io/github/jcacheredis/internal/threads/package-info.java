/**
 * The threads of a CacheManager: one bounded set per manager, shared by all its caches, named for their work and
 * all daemons. Subscriptions need none of their own: their connections run on Redisson's event loop.
 */
@NullMarked
package io.github.jcacheredis.internal.threads;

import org.jspecify.annotations.NullMarked;
