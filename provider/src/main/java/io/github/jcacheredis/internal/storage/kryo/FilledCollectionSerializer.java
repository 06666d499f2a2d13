package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * A mutable collection rebuilt by creating an empty one of the same class and adding the elements in iteration
 * order, with what the class's constructor needs to behave the same: the comparator of a sorted set or priority
 * queue (so a set ordered by {@code Collections.reverseOrder()} stays reversed), the capacity of a bounded
 * blocking queue. Re-adding a priority queue's elements in its internal order reproduces that order exactly,
 * since each already satisfies the heap property against its parent.
 */
final class FilledCollectionSerializer extends Serializer<Collection<Object>> {

  enum Shape { PLAIN, SORTED, BOUNDED }

  private final Shape shape;

  FilledCollectionSerializer(Shape shape) {
    this.shape = shape;
  }

  static Shape shapeOf(Class<?> type) {
    if (type == TreeSet.class || type == ConcurrentSkipListSet.class || type == PriorityQueue.class
        || type == PriorityBlockingQueue.class) {
      return Shape.SORTED;
    }
    if (type == ArrayBlockingQueue.class || type == LinkedBlockingQueue.class
        || type == LinkedBlockingDeque.class) {
      return Shape.BOUNDED;
    }
    return Shape.PLAIN;
  }

  @Override
  public void write(Kryo kryo, Output output, Collection<Object> collection) {
    if (shape == Shape.SORTED) {
      kryo.writeClassAndObject(output, comparator(collection));
    } else if (shape == Shape.BOUNDED) {
      int capacity = collection.size() + ((BlockingQueue<?>) collection).remainingCapacity();
      if (collection instanceof ArrayBlockingQueue && !affordable(capacity, collection.size())) {
        throw new UnrepresentableTypeException(collection.getClass(), "a capacity of " + capacity
            + " for " + collection.size() + " elements would let a reader allocate far more than the bytes hold");
      }
      output.writeVarInt(capacity, true);
    } else if (collection instanceof SortedSet && ((SortedSet<?>) collection).comparator() != null) {
      throw new UnrepresentableTypeException(collection.getClass(), "a subclass of a sorted set with a comparator");
    }
    Object[] elements = collection.toArray();
    if (collection instanceof HashSet) {
      Elements.checkHashFlooding(elements, 1);
    }
    Elements.writeCount(output, elements.length);
    for (Object element : elements) {
      kryo.writeClassAndObject(output, element);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
    Comparator<Object> comparator = null; // null: the natural ordering (as TreeSet takes it)
    int capacity = 0;
    if (shape == Shape.SORTED) {
      comparator = (Comparator<Object>) kryo.readClassAndObject(input);
    } else if (shape == Shape.BOUNDED) {
      capacity = input.readVarInt(true);
    }
    int count = Elements.readCount(input, 1);
    Collection<Object> collection = create(kryo, type, comparator, capacity, count);
    kryo.reference(collection);
    Object[] elements = new Object[count];
    for (int i = 0; i < count; i++) {
      elements[i] = kryo.readClassAndObject(input);
    }
    if (collection instanceof HashSet) {
      Elements.checkHashFlooding(elements, 1);
    }
    collection.addAll(Arrays.asList(elements));
    return collection;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Collection<Object> create(Kryo kryo, Class<? extends Collection<Object>> requested,
      @Nullable Comparator<Object> comparator, int capacity, int count) {
    Class<?> type = requested;
    switch (shape) {
      case SORTED:
        if (type == TreeSet.class) {
          return new TreeSet<>(comparator);
        }
        if (type == ConcurrentSkipListSet.class) {
          return new ConcurrentSkipListSet<>(comparator);
        }
        if (type == PriorityQueue.class) {
          return new PriorityQueue<>(Math.max(1, count), comparator);
        }
        return new PriorityBlockingQueue<>(Math.max(1, count), comparator);
      case BOUNDED:
        if (capacity < count || capacity <= 0) {
          throw new GraphLimitException("a bounded queue of capacity " + capacity + " holding " + count);
        }
        if (type == ArrayBlockingQueue.class) {
          if (affordable(capacity, count)) {
            return new ArrayBlockingQueue<>(capacity);
          }
          throw new GraphLimitException("an ArrayBlockingQueue of capacity " + capacity + " for " + count);
        }
        return type == LinkedBlockingQueue.class ? new LinkedBlockingQueue<>(capacity)
            : (Collection) new LinkedBlockingDeque<>(capacity);
      default:
        return kryo.newInstance(requested);
    }
  }

  /** An {@code ArrayBlockingQueue} allocates its capacity at once, so it may not be far larger than its content. */
  private static boolean affordable(int capacity, int count) {
    return capacity <= 1024 || capacity <= 16L * count;
  }

  private static Comparator<?> comparator(Collection<?> collection) {
    if (collection instanceof SortedSet) {
      return ((SortedSet<?>) collection).comparator();
    }
    if (collection instanceof PriorityQueue) {
      return ((PriorityQueue<?>) collection).comparator();
    }
    return ((PriorityBlockingQueue<?>) collection).comparator();
  }

}
