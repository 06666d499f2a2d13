package io.github.jcacheredis.internal.storage;

/**
 * A Kryo serializer whose stored form depends on its class's shape (field or record component names and
 * types). {@link AllowListClassResolver} folds the fingerprints of the classes a value names into one digest,
 * written after the value ({@link ValueCodec}), and checks it when reading, so a class that changed between two
 * deployments reads as corrupt instead of as a wrong object, for 4 bytes per value rather than per object. Keys
 * that are serialized objects carry each fingerprint after its class name instead.
 */
interface Fingerprinted {

  /** @return a hash of the class's serialized shape */
  int fingerprint();
}
