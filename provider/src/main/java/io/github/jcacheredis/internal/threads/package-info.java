/**
 * The threads of a CacheManager: one bounded set per manager, shared by all its caches, named for their work and
 * all daemons. Subscriptions need none of their own: their connections run on Redisson's event loop.
 */
package io.github.jcacheredis.internal.threads;
