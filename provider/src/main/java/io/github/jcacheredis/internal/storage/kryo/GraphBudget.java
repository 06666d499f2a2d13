package io.github.jcacheredis.internal.storage.kryo;

import java.util.IdentityHashMap;

/**
 * Bounds the work of reading (and, symmetrically, writing) one object graph.
 *
 * <p>Kryo preserves shared references, so a few hundred bytes can describe a graph whose unfolded tree is
 * astronomically large: nested {@code HashSet}s that each hold two references to the next level make every
 * {@code hashCode()}, and so every insertion while decoding, do work that doubles per level. The budget
 * therefore weighs every object read by the size of its unfolded tree (an object read anew weighs one plus its
 * children; a back-reference weighs what its target weighed; a reference to an object still being read, a cycle,
 * weighs one) and sums those weights over every occurrence. That sum bounds the hashing and comparing the JDK's
 * collections do while they are filled, and it grows with the bytes only when the graph shares nothing. A graph
 * whose sum exceeds {@link #limitFor(long)} of its size, or that nests deeper than {@link #MAX_DEPTH}, is
 * rejected.
 */
final class GraphBudget {

  /** How deep objects may nest; deeper graphs risk the reader's stack and are refused at write time. */
  static final int MAX_DEPTH = 256;
  private static final long BASE = 1_000_000;
  private static final long PER_BYTE = 32;
  private static final int RETAINED_WEIGHTS = 4096;

  private final long[] children = new long[MAX_DEPTH + 2];
  private IdentityHashMap<Object, Long> weights = new IdentityHashMap<>();
  private int level;
  private long work;
  private long limit = Long.MAX_VALUE;
  private int backReferenceLevel = -1;

  /**
   * @param bytes the size of a serialized graph
   * @return the most work reading a graph of that size may take
   */
  static long limitFor(long bytes) {
    return BASE + PER_BYTE * bytes;
  }

  /** Starts one graph, with the work it may take. */
  void begin(long workLimit) {
    level = 0;
    work = 0;
    children[0] = 0;
    backReferenceLevel = -1;
    limit = workLimit;
    if (weights.size() > RETAINED_WEIGHTS) {
      weights = new IdentityHashMap<>();
    } else {
      weights.clear();
    }
  }

  /** @return the work the graph took so far */
  long work() {
    return work;
  }

  /** Forgets the graph's objects, so the pooled Kryo holds no reference to a value it read or wrote. */
  void end() {
    if (weights.size() > RETAINED_WEIGHTS) {
      weights = new IdentityHashMap<>();
    } else {
      weights.clear();
    }
  }

  void enter() {
    if (++level > MAX_DEPTH) {
      level = 0;
      throw new GraphLimitException("objects nested deeper than " + MAX_DEPTH + " levels");
    }
    children[level] = 0;
  }

  /** The occurrence being read or written at the current level is a reference to an earlier object. */
  void backReference() {
    backReferenceLevel = level;
  }

  void leave(Object object) {
    long weight;
    if (backReferenceLevel == level) {
      backReferenceLevel = -1;
      Long known = object == null ? null : weights.get(object);
      weight = known == null ? 1 : known;
    } else {
      weight = 1 + children[level];
      if (weight > 1 && object != null) {
        weights.put(object, weight);
      }
    }
    level--;
    children[level] = Math.min(Long.MAX_VALUE / 4, children[level] + weight);
    work = Math.min(Long.MAX_VALUE / 4, work + weight);
    if (work > limit) {
      throw new GraphLimitException("the object graph unfolds to more than " + limit
          + " objects (shared references)");
    }
  }

  /**
   * Adds work done outside Kryo's object reads, such as a collection's element count.
   *
   * @param units the work
   */
  void charge(long units) {
    work = Math.min(Long.MAX_VALUE / 4, work + units);
    if (work > limit) {
      throw new GraphLimitException("the object graph is larger than " + limit + " units of work");
    }
  }

  /** @return the unfolded size of an object read or written in this graph (1 if unknown) */
  long weightOf(Object object) {
    Long known = weights.get(object);
    return known == null ? 1 : known;
  }
}
