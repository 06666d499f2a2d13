package io.github.jcacheredis.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a cache key is laid out as a Redis key, and how a key found by SCAN turns back into the cache key. */
class KeyCodecTest {

  private static final int THRESHOLD = 256;

  private final KryoSerializer serializer = new KryoSerializer(KeyCodecTest.class.getClassLoader());
  private final KeyCodec codec = new KeyCodec("jcache", "people", THRESHOLD, serializer);

  record OrderLine(long order, int line) {
  }

  record Pair(String first, String second) {
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] head, byte[] tail) {
    byte[] result = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, result, head.length, tail.length);
    return result;
  }

  private byte[] key(Object cacheKey) {
    return codec.encode(cacheKey).bytes();
  }

  // --- layout ---

  @Test
  void aStringIsItsUtf8BytesUnderPrefixAndCacheName() {
    assertArrayEquals(utf8("jcache:people:alice"), key("alice"));
    assertArrayEquals(utf8("jcache:people:café 日本"), key("café 日本"));
  }

  @Test
  void aStringStartingWithTildeIsTaggedAsAString() {
    assertEquals("jcache:people:~s~tilde", text(key("~tilde")));
  }

  @Test
  void aLongIsTaggedAndWrittenInDecimal() {
    assertEquals("jcache:people:~l42", text(key(42L)));
    assertEquals("jcache:people:~l-7", text(key(-7L)));
  }

  @Test
  void anIntegerIsTaggedAndWrittenInDecimal() {
    assertEquals("jcache:people:~i7", text(key(7)));
    assertEquals("jcache:people:~i-2147483648", text(key(Integer.MIN_VALUE)));
  }

  @Test
  void anyOtherKeyIsTaggedKryoBytes() {
    byte[] bytes = key(new OrderLine(12345L, 3));
    byte[] expectedStart = utf8("jcache:people:~k");
    assertArrayEquals(expectedStart, Arrays.copyOf(bytes, expectedStart.length));
    assertTrue(bytes.length > expectedStart.length);
  }

  @Test
  void keysShorterThanTheThresholdAreNotMarkedHashed() {
    assertFalse(codec.encode("alice").hashed());
    assertFalse(codec.encode(List.of(1, 2, 3)).hashed());
  }

  // --- round trips ---

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "alice", "café", "日本語", "😀 emoji", "~", "~~x", "~l5", "~i5", "~k", "~#", "~s",
      "a:b", "100%", " spaces ", "*?[]\\"})
  void aStringDecodesToItself(String cacheKey) throws CorruptValueException {
    assertEquals(cacheKey, codec.decode(key(cacheKey)));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE})
  void aLongDecodesToTheSameLong(long cacheKey) throws CorruptValueException {
    assertEquals(Long.valueOf(cacheKey), codec.decode(key(cacheKey)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, -1, 7, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void anIntegerDecodesToTheSameInteger(int cacheKey) throws CorruptValueException {
    assertEquals(Integer.valueOf(cacheKey), codec.decode(key(cacheKey)));
  }

  static Stream<Object> otherKeys() {
    return Stream.of(new OrderLine(12345L, 3), List.of("a", 1, 2L), 3.5d, 'c', (short) 9, BigDecimal.TEN,
        LocalDate.of(2024, 2, 29), Optional.of("x"));
  }

  @ParameterizedTest
  @MethodSource("otherKeys")
  void anyOtherKeyDecodesToAnEqualObject(Object cacheKey) throws CorruptValueException {
    assertEquals(cacheKey, codec.decode(key(cacheKey)));
  }

  /*
   * Found while writing these tests: Kryo 5 registers no serializer for java.util.UUID, so it falls to the field
   * serializer, which on Java 17 cannot open java.util: encode throws InaccessibleObjectException, and a UUID
   * can be neither a key nor a value (nor a field of one) unless the JVM runs with --add-opens.
   */
  @Test
  void aUuidKeyDecodesToAnEqualUuid() throws CorruptValueException {
    UUID id = UUID.fromString("6f1c2f4e-0000-4000-8000-000000000042");
    assertEquals(id, codec.decode(key(id)));
  }

  @Test
  void aLongAndAnIntegerDecodeToTheirOwnTypes() throws CorruptValueException {
    assertEquals(Long.class, codec.decode(key(1L)).getClass());
    assertEquals(Integer.class, codec.decode(key(1)).getClass());
    assertEquals(String.class, codec.decode(key("1")).getClass());
  }

  // --- no collisions between types or caches ---

  @Test
  void keysOfDifferentTypesNeverShareARedisKey() {
    Set<String> keys = new HashSet<>();
    for (Object cacheKey : List.of("1", 1L, 1, (short) 1, "~l1", "~i1", "~s1")) {
      assertTrue(keys.add(HexFormat.of().formatHex(key(cacheKey))), () -> "duplicate Redis key for " + cacheKey);
    }
  }

  @Test
  void cacheNamesHaveColonAndPercentEscaped() {
    assertEquals("jcache:a%3Ab:", text(KeyCodec.namespace("jcache", "a:b")));
    assertEquals("jcache:100%25:", text(KeyCodec.namespace("jcache", "100%")));
    assertEquals("jcache:a%253Ab:", text(KeyCodec.namespace("jcache", "a%3Ab")));
  }

  @Test
  void noCacheNamespaceIsAPrefixOfAnother() {
    List<String> names = List.of("a", "a:b", "a%3Ab", "ab", "a:", ":a", "%");
    for (String one : names) {
      for (String other : names) {
        if (!one.equals(other)) {
          String first = text(KeyCodec.namespace("jcache", one));
          String second = text(KeyCodec.namespace("jcache", other));
          assertFalse(second.startsWith(first), () -> "'" + first + "' is a prefix of '" + second + "'");
        }
      }
    }
  }

  @Test
  void aKeyOfCacheAColonBIsNotACacheAKey() {
    KeyCodec cacheA = new KeyCodec("jcache", "a", THRESHOLD, serializer);
    KeyCodec cacheAColonB = new KeyCodec("jcache", "a:b", THRESHOLD, serializer);
    assertNotEquals(text(cacheA.encode("b:x").bytes()), text(cacheAColonB.encode("x").bytes()));
    assertThrows(CorruptValueException.class, () -> cacheA.decode(cacheAColonB.encode("x").bytes()));
  }

  // --- hashed keys ---

  @Test
  void aBodyLongerThanTheThresholdBecomesTildeHashAndLowercaseHexSha256() {
    KeyCodec.EncodedKey encoded = codec.encode("x".repeat(THRESHOLD + 1));
    assertTrue(encoded.hashed());
    assertTrue(text(encoded.bytes()).matches("jcache:people:~#[0-9a-f]{64}"), text(encoded.bytes()));
  }

  @Test
  void aHashedKeyDecodesToTheHashedMarker() throws CorruptValueException {
    assertSame(KeyCodec.HASHED, codec.decode(key("x".repeat(1000))));
    assertSame(KeyCodec.HASHED, codec.decode(key(List.of("y".repeat(1000)))));
  }

  @Test
  void aBodyOfExactlyTheThresholdIsKeptAsIs() {
    assertFalse(codec.encode("x".repeat(THRESHOLD)).hashed());
    assertTrue(codec.encode("x".repeat(THRESHOLD + 1)).hashed());
  }

  @Test
  void theThresholdCountsTheTagOfTheBody() {
    // "~" + 254 characters is a 257-byte body once "~s" precedes it.
    assertTrue(codec.encode("~" + "x".repeat(THRESHOLD - 2)).hashed());
  }

  @Test
  void theThresholdIsOnEncodedBytesNotCharacters() {
    assertFalse(codec.encode("é".repeat(THRESHOLD / 2)).hashed(), "128 two-byte characters are 256 bytes");
    assertTrue(codec.encode("é".repeat(200)).hashed(), "200 two-byte characters are 400 bytes");
  }

  @Test
  void differentLongKeysGetDifferentHashes() {
    assertNotEquals(text(key("x".repeat(500) + "1")), text(key("x".repeat(500) + "2")));
  }

  @Test
  void theSameLongKeyAlwaysGetsTheSameHash() {
    KeyCodec otherJvm = new KeyCodec("jcache", "people", THRESHOLD,
        new KryoSerializer(KeyCodecTest.class.getClassLoader()));
    String longKey = "z".repeat(999);
    assertArrayEquals(key(longKey), key(longKey));
    assertArrayEquals(key(longKey), otherJvm.encode(longKey).bytes());
  }

  // --- SCAN pattern ---

  @Test
  void theScanPatternIsTheNamespaceFollowedByStar() {
    assertEquals("jcache:people:*", text(codec.scanPattern()));
  }

  @Test
  void theScanPatternEscapesGlobCharactersOfPrefixAndCacheName() {
    byte[] pattern = KeyCodec.scanPattern(KeyCodec.namespace("p?[x]", "c*\\n"));
    assertEquals("p\\?\\[x\\]:c\\*\\\\n:*", text(pattern));
  }

  // --- keys the codec did not write ---

  @Test
  void aKeyOutsideTheNamespaceIsCorrupt() {
    assertThrows(CorruptValueException.class, () -> codec.decode(utf8("jcache:other:alice")));
    assertThrows(CorruptValueException.class, () -> codec.decode(utf8("other:people:alice")));
    assertThrows(CorruptValueException.class, () -> codec.decode(utf8("jcache:people")));
  }

  @Test
  void anUnknownTagIsCorrupt() {
    assertThrows(CorruptValueException.class, () -> codec.decode(utf8("jcache:people:~z1")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"~labc", "~l", "~l1.5", "~l99999999999999999999", "~i2147483648", "~ix"})
  void aNumberTagWithoutANumberIsCorrupt(String body) {
    assertThrows(CorruptValueException.class, () -> codec.decode(utf8("jcache:people:" + body)));
  }

  @Test
  void kryoGarbageAfterTheKryoTagIsCorrupt() {
    byte[] garbage = concat(utf8("jcache:people:~k"), new byte[] {(byte) 0xff, 0x13, 0x00, 0x7f});
    assertThrows(CorruptValueException.class, () -> codec.decode(garbage));
  }

  /*
   * Found while writing these tests: Kryo bytes that declare a deep nesting make the decoder recurse until the
   * stack overflows. ValueCodec turns that into CorruptValueException; KeyCodec.decode only catches
   * RuntimeException and LinkageError, so the StackOverflowError escapes from a SCAN over a foreign key.
   */
  @Test
  void deeplyNestedKryoGarbageAfterTheKryoTagIsCorruptNotAStackOverflow() {
    // An Object[] holding an Object[] holding ... 100,000 levels deep: 4 bytes a level.
    String objectArray = "01005b4c6a6176612e6c616e672e4f626a656374bb0102";
    byte[] nested = HexFormat.of().parseHex(objectArray + "01000102".repeat(100_000) + "0203018278");
    byte[] redisKey = concat(utf8("jcache:people:~k"), nested);
    KeyCodec unbounded = new KeyCodec("jcache", "people", Integer.MAX_VALUE, serializer);
    assertThrows(CorruptValueException.class, () -> unbounded.decode(redisKey));
  }

  // --- equal keys, same Redis key ---

  /*
   * Found while writing these tests: String.getBytes(UTF_8) replaces an unpaired surrogate with '?', so the
   * distinct keys "\uD800" and "?" share a Redis key: a get of one returns the other's value.
   */
  @Test
  void aStringWithAnUnpairedSurrogateDoesNotShareARedisKeyWithAnotherString() throws CorruptValueException {
    String loneSurrogate = "\uD800";
    assertNotEquals(text(key("?")), text(key(loneSurrogate)));
    assertEquals(loneSurrogate, codec.decode(key(loneSurrogate)));
  }

  /*
   * Found while writing these tests: Kryo runs with references on, so a String that appears twice in a key is
   * written once and then as a back-reference when both places hold the same instance, but twice in full when
   * they hold equal copies. JSR-107 compares keys with equals(), yet these equal keys land on different Redis keys.
   */
  @Test
  void equalCompositeKeysGetTheSameRedisKeyWhetherOrNotTheyShareInstances() {
    String id = "user-42";
    Pair sameInstance = new Pair(id, id);
    Pair equalCopies = new Pair(id, new String(id));
    assertEquals(sameInstance, equalCopies);
    assertEquals(text(key(sameInstance)), text(key(equalCopies)));
  }

}
