package io.github.jcacheredis.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where a load lease lives: beside the cache's keys, never among them. */
class LoadLeasesTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String lease(String prefix, String entryKey) {
    return new String(LoadLeases.leaseKey(bytes(prefix), bytes(entryKey)), StandardCharsets.UTF_8);
  }

  @Test
  void theLeaseOfAnEntryIsItsNameWithPercentLeaseAfterThePrefix() {
    assertEquals("shop:%lease:products:42", lease("shop", "shop:products:42"));
    assertEquals("shop:%lease:a%3Ab:~#00ff", lease("shop", "shop:a%3Ab:~#00ff"));
  }

  @Test
  void noCachesScanPatternMatchesALease() {
    // %lease cannot be an escaped cache name: escaping turns every % into %25.
    String escaped = KeyCodec.escape("%lease");
    assertEquals("%25lease", escaped);
    byte[] pattern = KeyCodec.scanPattern(KeyCodec.namespace("shop", "%lease"));
    assertFalse(new String(pattern, StandardCharsets.UTF_8).startsWith("shop:%lease:"));
  }
}
