package io.github.jcacheredis.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.launcher.RedisInspector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the application, in two JVMs of eight threads each, ask Spring's
 * {@code Cache.get(key, valueLoader)} (what {@code @Cacheable(sync = true)} calls) for one missing key: the value
 * loader runs once across both, as the starter turns on the provider's single-flight loads.
 */
class SingleFlightAcrossInstancesTest {

  @Test
  void springsCacheGetWithAValueLoaderLoadsOnceAcrossTwoInstances() throws Exception {
    String url = TestRedis.url();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String key = "hot-" + run;
    String loads = "test:" + run + ":loads";
    List<ChildJvm> instances = new ArrayList<>();
    try (RedisInspector redis = new RedisInspector(url)) {
      for (int i = 0; i < 2; i++) {
        instances.add(ChildJvm.of(LoadingInstance.class).arguments(url, key, loads).start());
      }
      long giveUp = System.currentTimeMillis() + 120_000;
      while (!"2".equals(String.valueOf(redis.call("GET", loads + ":ready")))) {
        assertThat(System.currentTimeMillis()).as("both instances started").isLessThan(giveUp);
        assertThat(instances).allMatch(ChildJvm::isAlive);
        Thread.sleep(10);
      }
      redis.call("SET", loads + ":go", "1");
      for (ChildJvm instance : instances) {
        assertThat(instance.waitFor(Duration.ofSeconds(120))).as("instance finished").isTrue();
        assertThat(instance.exitValue()).as("every reader got the loaded value").isZero();
      }
      assertThat(redis.call("GET", loads)).as("value loader calls across both instances").isEqualTo("1");
    } finally {
      instances.forEach(ChildJvm::close);
    }
  }
}
