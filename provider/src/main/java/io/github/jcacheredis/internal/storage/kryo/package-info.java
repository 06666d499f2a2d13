/**
 * Kryo as the provider uses it on bytes read from Redis, which it treats as untrusted input: an {@link
 * io.github.jcacheredis.internal.storage.kryo.BoundedKryo} whose every declared length is checked against the bytes
 * remaining, whose object graphs have a bounded depth and a bounded unfolded size (so shared references cannot
 * make hashing explode), and serializers for the JDK's collections, wrappers and value types that either write a
 * value faithfully or refuse it at write time.
 */
@NullMarked
package io.github.jcacheredis.internal.storage.kryo;

import org.jspecify.annotations.NullMarked;
