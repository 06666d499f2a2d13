package io.github.jcacheredis.consumercheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

/** What a user's class path holds after adding the jcache-redis dependency, as far as JCache discovery goes. */
class ProviderDiscoveryTest {

  private static final String OUR_PROVIDER = "io.github.jcacheredis.RedisCachingProvider";
  private static final String OUR_PROVIDER_CLASS_FILE = OUR_PROVIDER.replace('.', '/') + ".class";
  private static final String REDISSON_PACKAGE_PATH = "org/redisson/";

  @Test
  void discoversExactlyOneProviderAndItIsOurs() {
    List<CachingProvider> providers = new ArrayList<>();
    Caching.getCachingProviders().forEach(providers::add);

    assertEquals(List.of(OUR_PROVIDER),
        providers.stream().map(provider -> provider.getClass().getName()).collect(Collectors.toList()));
  }

  @Test
  void defaultProviderIsOurs() {
    CachingProvider onlyProvider = Caching.getCachingProviders().iterator().next();

    assertSame(onlyProvider, Caching.getCachingProvider());
    assertEquals(OUR_PROVIDER, Caching.getCachingProvider().getClass().getName());
  }

  @Test
  void redissonsOwnJCacheProviderIsNotLoadable() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.redisson.jcache.JCachingProvider"));
  }

  @Test
  void redissonsEntryPointsAreNotLoadable() {
    for (String name : List.of("org.redisson.Redisson", "org.redisson.api.RedissonClient",
        "org.redisson.config.Config", "org.redisson.codec.Kryo5Codec", "org.redisson.jcache.JCacheManager")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
    }
  }

  /**
   * Class.forName can only probe names we think of; the class path itself shows every class in the package. The scan
   * must also find our own provider class, or it looked at the wrong class path and proves nothing.
   */
  @Test
  void noClassPathEntryHoldsAnythingInPackageOrgRedisson() throws IOException {
    List<String> holdingRedisson = new ArrayList<>();
    List<Path> holdingOurProvider = new ArrayList<>();
    Set<Path> entries = classPathEntries();
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        if (Files.exists(entry.resolve(REDISSON_PACKAGE_PATH))) {
          holdingRedisson.add(entry.toString());
        }
        if (Files.exists(entry.resolve(OUR_PROVIDER_CLASS_FILE))) {
          holdingOurProvider.add(entry);
        }
      } else if (Files.isRegularFile(entry)) {
        try (JarFile jar = new JarFile(entry.toFile())) {
          jar.stream()
              .filter(jarEntry -> jarEntry.getName().startsWith(REDISSON_PACKAGE_PATH))
              .findFirst()
              .ifPresent(jarEntry -> holdingRedisson.add(entry + "!/" + jarEntry.getName()));
          if (jar.getEntry(OUR_PROVIDER_CLASS_FILE) != null) {
            holdingOurProvider.add(entry);
          }
        }
      }
    }

    assertEquals(1, holdingOurProvider.size(), "entries holding our provider among " + entries);
    assertEquals(List.of(), holdingRedisson, "unrelocated Redisson on the class path");
  }

  /**
   * Returns the class path entries, following each jar's {@code Class-Path} manifest attribute: Surefire starts the
   * test JVM with a manifest-only jar as its whole {@code java.class.path}.
   */
  private static Set<Path> classPathEntries() throws IOException {
    Set<Path> seen = new LinkedHashSet<>();
    Deque<Path> pending = new ArrayDeque<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        pending.add(Path.of(entry).toAbsolutePath().normalize());
      }
    }
    while (!pending.isEmpty()) {
      Path entry = pending.remove();
      if (!seen.add(entry) || !Files.isRegularFile(entry)) {
        continue;
      }
      try (JarFile jar = new JarFile(entry.toFile())) {
        Manifest manifest = jar.getManifest();
        String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        if (classPath == null || classPath.isBlank()) {
          continue;
        }
        for (String reference : classPath.trim().split("\\s+")) {
          URI resolved = entry.toUri().resolve(reference);
          if ("file".equals(resolved.getScheme())) {
            pending.add(Path.of(resolved).normalize());
          }
        }
      }
    }
    return seen;
  }
}
