package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.KryoException;

/**
 * An object graph broke one of the bounds of {@link GraphBudget}: when reading, the bytes are rejected (a miss);
 * when writing, the value is refused, since no reader would accept it.
 */
public final class GraphLimitException extends KryoException {

  private static final long serialVersionUID = 1L;

  GraphLimitException(String message) {
    super(message);
  }
}
