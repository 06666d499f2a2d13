package io.github.jcacheredis.internal.storage;

/**
 * A Kryo serializer whose stored form depends on its class's shape (field or record component names and
 * types). {@link AllowListClassResolver} writes the fingerprint of that shape once per class per value, right
 * after the class name, and checks it when reading, so a class that changed between two deployments reads as
 * corrupt instead of as a wrong object, for 4 bytes per class rather than per object.
 */
interface Fingerprinted {

  /** @return a hash of the class's serialized shape */
  int fingerprint();
}
