package io.github.jcacheredis.launcher;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import redis.embedded.core.ExecutableProvider;

/** A {@code redis-server} binary that can be started, and where it was found. */
final class RedisExecutable {

  private static final String BINARY_NAME = "redis-server";

  /** Extracted at most once per JVM: embedded-redis writes the binary to a new temp directory on every call. */
  private static RedisExecutable embedded;

  private final Path path;
  private final RedisSource source;

  RedisExecutable(Path path, RedisSource source) {
    this.path = requireNonNull(path, "path");
    this.source = requireNonNull(source, "source");
  }

  /** Returns the first {@code redis-server} on the {@code PATH}, else the embedded one. */
  static RedisExecutable find() throws IOException {
    Optional<RedisExecutable> onPath = onPath();
    return onPath.isPresent() ? onPath.get() : embedded();
  }

  /** Returns the first executable {@code redis-server} in the directories of the {@code PATH} variable. */
  static Optional<RedisExecutable> onPath() {
    String searchPath = System.getenv("PATH");
    if (searchPath == null) {
      return Optional.empty();
    }
    for (String directory : searchPath.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, BINARY_NAME);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(new RedisExecutable(candidate, RedisSource.PATH));
      }
    }
    return Optional.empty();
  }

  /** Returns embedded-redis's binary for this OS and architecture (Redis 6.2 on Linux and macOS). */
  static synchronized RedisExecutable embedded() throws IOException {
    if (embedded == null) {
      File binary = ExecutableProvider.newJarResourceProvider().get();
      embedded = new RedisExecutable(binary.toPath(), RedisSource.EMBEDDED);
    }
    return embedded;
  }

  Path path() {
    return path;
  }

  RedisSource source() {
    return source;
  }

  @Override
  public String toString() {
    return path + " (" + source.description() + ")";
  }
}
