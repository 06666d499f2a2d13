package io.github.jcacheredis.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.storage.Signatures.Purpose;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The signer on its own, and the value format's use of it: what a tag covers, and what verifies. */
class SignaturesTest {

  private static final byte[] K1 = bytes("the first key, at least thirty-two bytes");
  private static final byte[] K2 = bytes("the second key, at least thirty-two bytes");
  private static final byte[] K3 = bytes("an attacker's key, at least thirty-two bytes");
  private static final byte[] NAME = bytes("jcache:c:k");
  private static final byte[] DATA = bytes("some bytes to sign");

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Signatures keys(byte[]... keys) {
    return Signatures.of(List.of(keys));
  }

  private static boolean verifies(Signatures signatures, Purpose purpose, byte[] name, byte[] data, byte[] tag) {
    return signatures.verifies(purpose, name, data, data.length, 0, tag, 0);
  }

  @Test
  void aTagIsHmacSha256OfPurposeNameLengthNameAndBytes() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(K1, "HmacSHA256"));
    mac.update((byte) 'V');
    mac.update(new byte[] {0, 0, 0, (byte) NAME.length});
    mac.update(NAME);
    assertArrayEquals(mac.doFinal(DATA), keys(K1).sign(Purpose.VALUE, NAME, DATA, DATA.length, 0));
  }

  @Test
  void theFirstKeySignsAndEveryListedKeyVerifies() {
    byte[] byK1 = keys(K1).sign(Purpose.VALUE, NAME, DATA, DATA.length, 0);
    byte[] byK2 = keys(K2).sign(Purpose.VALUE, NAME, DATA, DATA.length, 0);
    Signatures rotating = keys(K2, K1);
    assertArrayEquals(byK2, rotating.sign(Purpose.VALUE, NAME, DATA, DATA.length, 0));
    assertEquals(0, rotating.signer(Purpose.VALUE, NAME, DATA, DATA.length, 0, byK2, 0));
    assertEquals(1, rotating.signer(Purpose.VALUE, NAME, DATA, DATA.length, 0, byK1, 0));
    assertFalse(verifies(keys(K2), Purpose.VALUE, NAME, DATA, byK1), "k1 is not listed");
  }

  @Test
  void aTagOfAnotherKeyNameOrPurposeOrOfChangedBytesDoesNotVerify() {
    Signatures signatures = keys(K1);
    byte[] tag = signatures.sign(Purpose.VALUE, NAME, DATA, DATA.length, 0);
    assertTrue(verifies(signatures, Purpose.VALUE, NAME, DATA, tag));
    assertFalse(verifies(signatures, Purpose.VALUE, NAME, DATA, keys(K3).sign(Purpose.VALUE, NAME, DATA, DATA.length,
        0)), "an unknown key");
    assertFalse(verifies(signatures, Purpose.VALUE, bytes("jcache:c:other"), DATA, tag), "another name");
    assertFalse(verifies(signatures, Purpose.EVENT, NAME, DATA, tag), "another purpose");
    assertFalse(verifies(signatures, Purpose.VALUE, bytes("jcache:c:"), bytes("ksome bytes to sign"), tag),
        "the same bytes split differently between name and data");
    for (int bit = 0; bit < DATA.length * 8; bit += 7) {
      byte[] changed = DATA.clone();
      changed[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(verifies(signatures, Purpose.VALUE, NAME, changed, tag), "bit " + bit + " flipped");
    }
    assertFalse(signatures.verifies(Purpose.VALUE, NAME, DATA, DATA.length, 0, new byte[31], 0), "a short tag");
  }

  @Test
  void theGapWhereTheTagGoesIsLeftOut() {
    byte[] withGap = new byte[DATA.length + 5];
    System.arraycopy(DATA, 0, withGap, 0, 4);
    System.arraycopy(DATA, 4, withGap, 9, DATA.length - 4);
    Signatures signatures = keys(K1);
    assertArrayEquals(signatures.sign(Purpose.VALUE, NAME, DATA, DATA.length, 0),
        signatures.sign(Purpose.VALUE, NAME, withGap, 4, 5));
  }

  @Test
  void eachThreadGetsItsOwnMac() throws Exception {
    Signatures signatures = keys(K1, K2);
    byte[] expected = signatures.sign(Purpose.RECORD, NAME, DATA, DATA.length, 0);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(threads.submit(() -> {
          for (int j = 0; j < 2_000; j++) {
            byte[] data = bytes("bytes " + j);
            byte[] tag = signatures.sign(Purpose.RECORD, NAME, data, data.length, 0);
            if (!verifies(signatures, Purpose.RECORD, NAME, data, tag)) {
              return false;
            }
          }
          return Arrays.equals(expected, signatures.sign(Purpose.RECORD, NAME, DATA, DATA.length, 0));
        }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aShortKeyIsRefusedByPositionNeverShown() {
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> keys(K1, bytes("short-secret")));
    assertTrue(failure.getMessage().contains("signing key 2 of 2 is 12 bytes"), failure.getMessage());
    assertFalse(failure.getMessage().contains("short-secret"), failure.getMessage());
  }

  @Test
  void withoutKeysNothingIsSignedAndNothingIsShown() {
    assertFalse(Signatures.none().isEnabled());
    assertFalse(keys().isEnabled());
    assertThrows(IllegalStateException.class, () -> Signatures.none().sign(Purpose.VALUE, NAME, DATA, 0, 0));
    assertEquals("Signatures[2 keys]", keys(K1, K2).toString());
  }

  // ------------------------------------------------------------------------------------ in the value format

  private static ValueCodec codec(Signatures signatures) {
    return new ValueCodec(new KryoSerializer(SignaturesTest.class.getClassLoader()), Integer.MAX_VALUE, signatures);
  }

  @Test
  void aSignedValueCarriesItsFlagAndTagAfterTheHeader() throws CorruptValueException {
    byte[] unsigned = codec(Signatures.none()).encode(null, "value");
    byte[] signed = codec(keys(K1)).encode(null, "value", Purpose.VALUE, NAME);
    assertEquals(unsigned.length + Signatures.TAG_LENGTH, signed.length);
    assertEquals(ValueCodec.FLAG_SIGNED, signed[1] & ValueCodec.FLAG_SIGNED);
    assertEquals("value", codec(keys(K2, K1)).decode(signed, Purpose.VALUE, NAME).value());
  }

  @Test
  void aCompressedValueIsSignedToo() throws CorruptValueException {
    String large = "x".repeat(10_000);
    ValueCodec compressing = new ValueCodec(new KryoSerializer(getClass().getClassLoader()), 64, keys(K1));
    byte[] signed = compressing.encode(null, large, Purpose.VALUE, NAME);
    int flags = ValueCodec.FLAG_LZ4 | ValueCodec.FLAG_SIGNED;
    assertEquals(flags, signed[1] & flags);
    assertEquals(large, compressing.decode(signed, Purpose.VALUE, NAME).value());
    signed[signed.length - 1] ^= 1;
    assertThrows(UnverifiedValueException.class, () -> compressing.decode(signed, Purpose.VALUE, NAME));
  }

  @Test
  void withKeysUnsignedOrForeignBytesAreUnverifiedNotCorrupt() {
    ValueCodec signing = codec(keys(K1));
    for (byte[] bytes : List.of(codec(Signatures.none()).encode(null, "unsigned"), new byte[0], bytes("garbage"),
        codec(keys(K3)).encode(null, "foreign", Purpose.VALUE, NAME),
        codec(keys(K1)).encode(null, "another purpose", Purpose.EVENT, NAME))) {
      assertThrows(UnverifiedValueException.class, () -> signing.decode(bytes, Purpose.VALUE, NAME));
    }
  }

  @Test
  void withoutKeysASignedValueReadsWithItsTagSkipped() throws CorruptValueException {
    byte[] signed = codec(keys(K1)).encode(null, "value", Purpose.VALUE, NAME);
    assertEquals("value", codec(Signatures.none()).decode(signed).value());
  }

  @Test
  void aSigningCodecNeedsTheName() {
    assertThrows(IllegalStateException.class, () -> codec(keys(K1)).encode(null, "value"));
  }
}
