package io.github.jcacheredis.internal.processor;

/** What an entry processor did to its entry, which decides the one write that follows. */
public enum EntryOperation {
  /** Nothing observable: no write, no TTL change. */
  NONE,
  /** Read an existing value: apply the access TTL. */
  ACCESS,
  /** Loaded a missing value through the cache loader: store it as new, without the writer. */
  LOAD,
  /** Set a value where none existed. */
  CREATE,
  /** Replaced an existing value. */
  UPDATE,
  /** Removed an existing value. */
  REMOVE
}
