/** A cache's parts for its operations: an entry's encoding, its writes, entry processors, iteration, degraded mode. */
@NullMarked
package io.github.jcacheredis.internal.cache;

import org.jspecify.annotations.NullMarked;
