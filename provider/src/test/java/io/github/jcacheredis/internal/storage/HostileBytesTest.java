package io.github.jcacheredis.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bytes a hostile writer plants are rejected (read as a miss) with work and memory proportional to their size:
 * the bound each test states is a hang detector, generous enough for a loaded 2-core machine, not a speed target.
 */
class HostileBytesTest {

  /** Far beyond anything a bounded decode of these payloads needs, far below "for ever". */
  private static final Duration HANG = Duration.ofSeconds(30);

  private final ValueCodec codec = new ValueCodec(new KryoSerializer(HostileBytesTest.class.getClassLoader()),
      Integer.MAX_VALUE);

  private CorruptValueException assertRejected(byte[] bytes) {
    return assertTimeoutPreemptively(HANG, () -> assertThrows(CorruptValueException.class,
        () -> codec.decode(bytes)));
  }

  @ParameterizedTest(name = "format version 2: {0}")
  @ValueSource(booleans = {false, true})
  void nestedSetsSharingReferencesAreRejectedByTheirUnfoldedSize(boolean version2) {
    byte[] bytes = HostilePayloads.nestedSharedSets(100, version2);
    assertTrue(bytes.length < 2_000, bytes.length + " bytes");
    CorruptValueException rejected = assertRejected(bytes);
    assertTrue(rejected.getMessage().contains("unfolds"), rejected.getMessage());
  }

  @ParameterizedTest(name = "format version 2: {0}")
  @ValueSource(booleans = {false, true})
  void aFewLevelsOfSharedSetsStillDecode(boolean version2) {
    Object value = assertTimeoutPreemptively(HANG, () -> codec.decode(HostilePayloads.nestedSharedSets(8, version2)));
    assertTrue(value != null);
  }

  @ParameterizedTest(name = "format version 2: {0}")
  @ValueSource(booleans = {false, true})
  void collidingKeysOfAHashSetAreRejectedBeforeAnyIsInserted(boolean version2) {
    byte[] bytes = HostilePayloads.collidingHashSet(20_000, version2);
    CorruptValueException rejected = assertRejected(bytes);
    assertTrue(rejected.getMessage().contains("share one hash code"), rejected.getMessage());
  }

  @ParameterizedTest(name = "format version 2: {0}")
  @ValueSource(booleans = {false, true})
  void collidingKeysOfAHashMapAreRejectedBeforeAnyIsInserted(boolean version2) {
    CorruptValueException rejected = assertRejected(HostilePayloads.collidingHashMap(20_000, version2));
    assertTrue(rejected.getMessage().contains("share one hash code"), rejected.getMessage());
  }

  @Test
  void aFewCollidingKeysAreFine() throws CorruptValueException {
    Set<Object> few = new HashSet<>();
    for (int i = 0; i < 64; i++) {
      few.add(new HostilePayloads.Collider(i));
    }
    assertEquals(few, codec.decode(codec.encode(null, few)).value());
  }

  @Test
  void manyCollidingComparableKeysAreFine() throws CorruptValueException {
    // "Aa" and "BB" share a hash code, so every string of n such pairs collides with 2^n others.
    Map<String, Integer> colliding = new HashMap<>();
    List<String> strings = new ArrayList<>(List.of(""));
    for (int round = 0; round < 8; round++) {
      List<String> longer = new ArrayList<>();
      for (String s : strings) {
        longer.add(s + "Aa");
        longer.add(s + "BB");
      }
      strings = longer;
    }
    strings.forEach(s -> colliding.put(s, s.length()));
    assertEquals(colliding, codec.decode(codec.encode(null, colliding)).value());
  }

  @Test
  void aValueWithTooManyCollidingKeysIsRefusedAtPut() {
    Set<Object> many = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      many.add(new HostilePayloads.Collider(i));
    }
    UnstorableValueException refused = assertThrows(UnstorableValueException.class, () -> codec.encode(null, many));
    assertTrue(refused.getMessage().contains("share one hash code"), refused.getMessage());
  }

  @ParameterizedTest(name = "format version 2: {0}")
  @ValueSource(booleans = {false, true})
  void nestingBeyondTheDepthBoundIsRejectedWithoutOverflowingTheStack(boolean version2) {
    CorruptValueException rejected = assertRejected(HostilePayloads.deeplyNested(100_000, version2));
    assertTrue(rejected.getMessage().contains("nested deeper"), rejected.getMessage());
  }

  @ParameterizedTest(name = "format version 2: {0}")
  @ValueSource(booleans = {false, true})
  void nestingWithinTheBoundDecodes(boolean version2) throws CorruptValueException {
    assertTrue(codec.decode(HostilePayloads.deeplyNested(200, version2)).value() instanceof ArrayList);
  }

  @Test
  void aValueNestedDeeperThanTheBoundIsRefusedAtPut() {
    List<Object> root = new ArrayList<>();
    List<Object> current = root;
    for (int i = 0; i < 1_000; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    UnstorableValueException refused = assertThrows(UnstorableValueException.class, () -> codec.encode(null, root));
    assertTrue(refused.getMessage().contains("nested deeper"), refused.getMessage());
  }

  @Test
  void aPooledKryoKeepsNoLargeBufferAfterALargeValue() throws CorruptValueException {
    KryoSerializer serializer = new KryoSerializer(HostileBytesTest.class.getClassLoader());
    ValueCodec large = new ValueCodec(serializer, Integer.MAX_VALUE);
    String text = "é".repeat(4_000_000);
    assertEquals(text, large.decode(large.encode(null, text)).value());
    KryoSerializer.Context context = serializer.borrow();
    try {
      assertTrue(context.input.retainedCharacters() <= 16 * 1024, context.input.retainedCharacters() + " chars");
      assertTrue(context.output.getBuffer().length <= 64 * 1024, context.output.getBuffer().length + " bytes");
    } finally {
      serializer.release(context);
    }
  }

  @ParameterizedTest
  @ValueSource(classes = {String.class, int[].class, long[].class, double[].class, byte[].class, String[].class,
      Object[].class, ArrayList.class, HashMap.class, HashSet.class, java.util.LinkedList.class,
      java.util.TreeMap.class, java.util.BitSet.class, StringBuilder.class, java.math.BigInteger.class})
  void aHugeDeclaredLengthIsRejectedBeforeAllocating(Class<?> type) {
    assertRejectedWithoutAllocating(type, false);
    assertRejectedWithoutAllocating(type, true);
  }

  private void assertRejectedWithoutAllocating(Class<?> type, boolean version2) {
    byte[] bytes = HostilePayloads.declaredLength(type, 500_000_000, version2);
    assertTrue(bytes.length < 40, bytes.length + " bytes");
    long before = allocated();
    assertRejected(bytes);
    long allocated = allocated() - before;
    assertTrue(allocated < 64L * 1024 * 1024, type.getSimpleName() + ": " + allocated + " bytes allocated");
  }

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
