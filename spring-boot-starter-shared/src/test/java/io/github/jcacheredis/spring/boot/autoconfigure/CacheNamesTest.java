package io.github.jcacheredis.spring.boot.autoconfigure;

import io.github.jcacheredis.launcher.RedisInspector;
import static io.github.jcacheredis.spring.boot.autoconfigure.Contexts.expiryOf;
import static io.github.jcacheredis.spring.boot.autoconfigure.Contexts.jcache;
import static io.github.jcacheredis.spring.boot.autoconfigure.Contexts.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jcacheredis.NearCacheConfiguration;
import io.github.jcacheredis.RedisCache;
import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.launcher.PrivateRedis;
import io.github.jcacheredis.launcher.RedisServerProcess;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * {@code spring.cache.cache-names} creates its caches at startup with {@code jcache-redis.defaults}, alone or beside a
 * YAML file that declares some of them (Spring Boot's own JCache support fails there with "already exists"), and a
 * YAML file wins over the Spring properties for what it sets.
 */
class CacheNamesTest {

  @RegisterExtension
  static final PrivateRedis<RedisServerProcess> REDIS = PrivateRedis.server();
  /** A second server, for the YAML file's own url. */
  @RegisterExtension
  static final PrivateRedis<RedisServerProcess> OTHER = PrivateRedis.server();

  @TempDir
  Path folder;

  @Test
  void listedCachesExistFromTheStartWithTheDefaultsAsDoCachesCreatedOnFirstUse() {
    Contexts.runner().withPropertyValues("spring.data.redis.url=" + REDIS.get().url(),
        "spring.cache.cache-names=a,b", "jcache-redis.prefix=names",
        "jcache-redis.defaults.expiry.type=modified", "jcache-redis.defaults.expiry.duration=2m",
        "jcache-redis.defaults.near-cache.maximum-size=100").run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(jcache(context).getCacheNames()).containsExactlyInAnyOrder("a", "b");
          assertThat(context.getBean(CacheManager.class).getCacheNames()).containsExactlyInAnyOrder("a", "b");
          ExpiryPolicy expiry = expiryOf(jcache(context).getCache("a"));
          assertThat(expiry).isInstanceOf(ModifiedExpiryPolicy.class);
          assertThat(expiry.getExpiryForUpdate()).isEqualTo(minutes(2));

          context.getBean(CacheManager.class).getCache("c").put("k", "v");
          assertThat(expiryOf(jcache(context).getCache("c")).getExpiryForUpdate()).isEqualTo(minutes(2));
          @SuppressWarnings("unchecked")
          RedisCacheConfiguration<Object, Object> configuration = jcache(context).getCache("c")
              .getConfiguration(RedisCacheConfiguration.class);
          assertThat(configuration.getNearCache()).isEqualTo(NearCacheConfiguration.ofMaximumSize(100));
          assertThat(configuration.isStatisticsEnabled()).isTrue();
        });
  }

  @Test
  void aCacheAnotherApplicationCreatedIsJoinedWithItsEntriesAndThisApplicationsStatistics() {
    String[] settings = {"spring.data.redis.url=" + REDIS.get().url(), "jcache-redis.prefix=joined",
        "jcache-redis.defaults.expiry.duration=3m"};
    Contexts.runner().withPropertyValues(settings).run(first -> {
      first.getBean(CacheManager.class).getCache("shared").put("k", "from the first");
      Contexts.runner().withPropertyValues(settings).run(second -> {
            assertThat(jcache(second).getCacheNames()).isEmpty();
            Cache shared = second.getBean(CacheManager.class).getCache("shared");
            assertThat(shared.get("k", String.class)).isEqualTo("from the first");
            @SuppressWarnings("unchecked")
            RedisCacheConfiguration<Object, Object> configuration = jcache(second).getCache("shared")
                .getConfiguration(RedisCacheConfiguration.class);
            assertThat(configuration.isStatisticsEnabled()).as("this JVM's own setting").isTrue();
            assertThat(jcache(second).getCache("shared").unwrap(RedisCache.class).statistics().getCacheHits())
                .isEqualTo(1);
          });
    });
  }

  @Test
  void withAYamlFileTheListedCachesItDeclaresAreNotCreatedTwiceAndTheFileWins() throws IOException {
    Path yaml = folder.resolve("caches.yaml");
    Files.writeString(yaml, String.join("\n",
        "redis:",
        "  url: " + OTHER.get().url(),
        "keyPrefix: fromfile",
        "defaults:",
        "  expiry: {type: created, duration: 1m}",
        "caches:",
        "  declared:",
        "    expiry: {type: created, duration: 5m}",
        ""));
    Contexts.runner().withPropertyValues("spring.data.redis.url=" + REDIS.get().url(),
        "spring.cache.jcache.config=" + yaml.toUri(), "spring.cache.cache-names=declared,listed",
        "jcache-redis.prefix=fromprops", "jcache-redis.defaults.expiry.duration=10m",
        "jcache-redis.timeout=1500ms").run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(jcache(context).getURI()).isEqualTo(yaml.toUri());
          assertThat(jcache(context).getCacheNames()).containsExactlyInAnyOrder("declared", "listed");
          assertThat(expiryOf(jcache(context).getCache("declared")).getExpiryForCreation()).isEqualTo(minutes(5));
          ExpiryPolicy listed = expiryOf(jcache(context).getCache("listed"));
          assertThat(listed).as("the file's defaults, not jcache-redis.defaults").isInstanceOf(CreatedExpiryPolicy.class);
          assertThat(listed.getExpiryForCreation()).isEqualTo(minutes(1));

          assertThat(jcache(context).settings().port()).as("the file's url").isEqualTo(OTHER.get().port());
          assertThat(jcache(context).settings().keyPrefix()).isEqualTo("fromfile");
          assertThat(jcache(context).settings().timeoutMillis()).as("what the file leaves unset").isEqualTo(1500);

          context.getBean(CacheManager.class).getCache("listed").put("k", "v");
          try (RedisInspector inFile = new RedisInspector(OTHER.get().url()); RedisInspector inSpring = new RedisInspector(REDIS.get().url())) {
            assertThat(inFile.pttl("fromfile:listed:k")).isBetween(1L, Duration.ofMinutes(1).toMillis());
            assertThat(inSpring.exists("fromfile:listed:k")).isFalse();
            assertThat(inSpring.exists("fromprops:listed:k")).isFalse();
          }
        });
  }

  @Test
  void aJcacheRedisYamlOnTheClassPathIsReadWithoutSpringCacheJcacheConfig() throws IOException {
    Files.writeString(folder.resolve("jcache-redis.yaml"), String.join("\n",
        "keyPrefix: onclasspath",
        "caches:",
        "  declared: {}",
        ""));
    try (URLClassLoader classPath = new URLClassLoader(new URL[] {folder.toUri().toURL()},
        getClass().getClassLoader())) {
      Contexts.runner().withClassLoader(classPath).withPropertyValues("spring.data.redis.url=" + REDIS.get().url(),
          "spring.cache.cache-names=declared").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(jcache(context).getURI()).isEqualTo(folder.resolve("jcache-redis.yaml").toUri());
            assertThat(jcache(context).settings().keyPrefix()).isEqualTo("onclasspath");
            assertThat(jcache(context).getCacheNames()).containsExactly("declared");
          });
    }
  }
}
