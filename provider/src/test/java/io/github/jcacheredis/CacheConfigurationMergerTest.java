package io.github.jcacheredis;

import io.github.jcacheredis.internal.config.CacheConfigurationMerger;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.CacheTemplate;
import io.github.jcacheredis.internal.config.YamlConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The override log lines: one for every setting of the application's that the file replaces, and only then. */
class CacheConfigurationMergerTest {

  @TempDir
  Path folder;

  private CacheTemplate productsFromFile() throws IOException {
    Path file = folder.resolve("cache.yaml");
    Files.writeString(file, "caches:\n  products:\n    statistics: true\n    management: true\n"
        + "    expiry: {type: created, duration: 10m}\n");
    return YamlConfiguration.load(file.toUri(), false, getClass().getClassLoader(), Map.<String, String>of()::get)
        .caches().get("products");
  }

  /** slf4j-simple, the tests' binding, writes to whatever System.err is at the time of the call. */
  private static String logOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aSettingTheApplicationAskedForAndTheFileReplacesIsLogged() throws IOException {
    CacheTemplate products = productsFromFile();
    String log = logOf(() -> CacheConfigurationMerger.merge("products",
        new MutableConfiguration<>().setStatisticsEnabled(false), products, "cache.yaml"));
    assertTrue(log.contains("Cache 'products': statistics true from cache.yaml replaces the application's false"),
        log);
  }

  /** A cache the file declares is created by the manager, not by the application: nothing of its is replaced. */
  @Test
  void aCacheTheFileDeclaresLogsNoOverride() throws IOException {
    CacheTemplate products = productsFromFile();
    String log = logOf(() -> CacheConfigurationMerger.declared("products", products, "cache.yaml",
        getClass().getClassLoader()));
    assertFalse(log.contains("replaces the application's"), log);
  }
}
