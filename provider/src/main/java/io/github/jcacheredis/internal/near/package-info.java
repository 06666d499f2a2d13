/**
 * The near cache: recently read entries kept in this JVM as bytes, invalidated by Redis itself through
 * server-assisted client-side caching ({@code CLIENT TRACKING ... BCAST}).
 */
@NullMarked
package io.github.jcacheredis.internal.near;

import org.jspecify.annotations.NullMarked;
