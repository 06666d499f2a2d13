package io.github.jcacheredis.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

/**
 * How {@code spring.data.redis.*} and {@code jcache-redis.*}, as an application writes them, become the provider's
 * {@code jcacheredis.*} properties.
 */
class ManagerPropertiesTest {

  private static Properties map(String... settings) {
    return managerProperties(settings).properties();
  }

  private static ManagerProperties managerProperties(String... settings) {
    MockEnvironment environment = new MockEnvironment();
    for (String setting : settings) {
      int equals = setting.indexOf('=');
      environment.setProperty(setting.substring(0, equals), setting.substring(equals + 1));
    }
    JCacheRedisProperties ours = Binder.get(environment)
        .bind("jcache-redis", JCacheRedisProperties.class).orElseGet(JCacheRedisProperties::new);
    return ManagerProperties.of(ours, SpringDataRedis.from(environment), List.of("com.example.app"));
  }

  @Test
  void withNothingSetNoAddressIsPassedSoTheProviderLooksForItAsAlways() {
    assertThat(map()).doesNotContainKeys("jcacheredis.url", "jcacheredis.clusterNodes", "jcacheredis.sentinelNodes");
  }

  @Test
  void theUrlIsPassedAsItIs() {
    assertThat(map("spring.data.redis.url=redis://user:secret@cache.example:6380/2"))
        .containsEntry("jcacheredis.url", "redis://user:secret@cache.example:6380/2");
  }

  @Test
  void sslEnabledTurnsARedisUrlIntoRediss() {
    assertThat(map("spring.data.redis.url=redis://cache.example", "spring.data.redis.ssl.enabled=true"))
        .containsEntry("jcacheredis.url", "rediss://cache.example");
  }

  @Test
  void hostPortDatabaseAndPasswordMakeAUrlWithThePasswordPercentEncoded() {
    assertThat(map("spring.data.redis.host=cache.example", "spring.data.redis.port=6380",
        "spring.data.redis.database=3", "spring.data.redis.password=p@ss:w,rd +1"))
        .containsEntry("jcacheredis.url", "redis://:p%40ss%3Aw%2Crd%20%2B1@cache.example:6380/3");
  }

  @Test
  void aUsernameGoesBeforeThePassword() {
    assertThat(map("spring.data.redis.username=app", "spring.data.redis.password=secret"))
        .containsEntry("jcacheredis.url", "redis://app:secret@localhost:6379");
  }

  @Test
  void onlyAPortMeansLocalhostLikeSpringBoot() {
    assertThat(map("spring.data.redis.port=7000")).containsEntry("jcacheredis.url", "redis://localhost:7000");
  }

  @Test
  void anIpv6HostIsBracketed() {
    assertThat(map("spring.data.redis.host=::1")).containsEntry("jcacheredis.url", "redis://[::1]:6379");
  }

  @Test
  void clusterNodesBecomeUrlsWithTheCredentialsAndTls() {
    assertThat(map("spring.data.redis.cluster.nodes=10.0.0.1:7000,10.0.0.2:7001", "spring.data.redis.password=pw",
        "spring.data.redis.ssl.enabled=true"))
        .containsEntry("jcacheredis.clusterNodes", "rediss://:pw@10.0.0.1:7000,rediss://:pw@10.0.0.2:7001")
        .doesNotContainKey("jcacheredis.url");
  }

  @Test
  void indexedClusterNodesAreReadToo() {
    assertThat(map("spring.data.redis.cluster.nodes[0]=a:7000", "spring.data.redis.cluster.nodes[1]=b:7000"))
        .containsEntry("jcacheredis.clusterNodes", "redis://a:7000,redis://b:7000");
  }

  @Test
  void sentinelsBecomeUrlsWithTheMastersCredentialsAndDatabase() {
    assertThat(map("spring.data.redis.sentinel.master=mymaster",
        "spring.data.redis.sentinel.nodes=s1:26379,s2:26379", "spring.data.redis.password=pw",
        "spring.data.redis.database=1"))
        .containsEntry("jcacheredis.sentinelNodes", "redis://:pw@s1:26379/1,redis://:pw@s2:26379/1")
        .containsEntry("jcacheredis.sentinelMaster", "mymaster");
  }

  @Test
  void aSentinelPasswordOtherThanTheMastersIsRefusedNamingBoth() {
    assertThatThrownBy(() -> map("spring.data.redis.sentinel.master=mymaster",
        "spring.data.redis.sentinel.nodes=s1:26379", "spring.data.redis.password=pw",
        "spring.data.redis.sentinel.password=other"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spring.data.redis.sentinel.username/password")
        .hasMessageNotContaining("other").hasMessageNotContaining("pw,");
  }

  @Test
  void jcacheRedisUrlWinsOverSpringDataRedis() {
    assertThat(map("jcache-redis.url=redis://caches:6379", "spring.data.redis.cluster.nodes=a:7000"))
        .containsEntry("jcacheredis.url", "redis://caches:6379").doesNotContainKey("jcacheredis.clusterNodes");
  }

  @Test
  void timeoutsComeFromSpringDataRedisUnlessJcacheRedisSetsThem() {
    assertThat(map("spring.data.redis.timeout=3s", "spring.data.redis.connect-timeout=500ms"))
        .containsEntry("jcacheredis.timeoutMillis", "3000").containsEntry("jcacheredis.connectTimeoutMillis", "500");
    assertThat(map("spring.data.redis.timeout=3s", "jcache-redis.timeout=250ms"))
        .containsEntry("jcacheredis.timeoutMillis", "250");
  }

  @Test
  void theApplicationsPackagesAreAllowedBesideTheConfiguredOnes() {
    assertThat(map()).containsEntry("jcacheredis.allowedPackages", "com.example.app");
    assertThat(map("jcache-redis.allowed-packages=org.springframework.cache.support,com.example.model"))
        .containsEntry("jcacheredis.allowedPackages",
            "com.example.app,org.springframework.cache.support,com.example.model");
    assertThat(map("jcache-redis.allow-application-packages=false"))
        .doesNotContainKey("jcacheredis.allowedPackages");
  }

  @Test
  void theOtherSettingsMapOneToOne() {
    assertThat(map("jcache-redis.prefix=orders", "jcache-redis.retry-attempts=0", "jcache-redis.pool-size=8",
        "jcache-redis.signing-keys=" + "k".repeat(32) + "," + "l".repeat(32),
        "jcache-redis.tls.truststore=/etc/ca.p12", "jcache-redis.tls.truststore-password=changeit",
        "jcache-redis.tls.verify-hostname=false"))
        .containsEntry("jcacheredis.prefix", "orders")
        .containsEntry("jcacheredis.retryAttempts", "0")
        .containsEntry("jcacheredis.poolSize", "8")
        .containsEntry("jcacheredis.signingKeys", "k".repeat(32) + "," + "l".repeat(32))
        .containsEntry("jcacheredis.tlsTruststore", "/etc/ca.p12")
        .containsEntry("jcacheredis.tlsTruststorePassword", "changeit")
        .containsEntry("jcacheredis.tlsVerifyHostname", "false");
  }

  @Test
  void eachPropertyRemembersTheSpringSettingItCameFrom() {
    Map<String, String> origins = managerProperties("spring.data.redis.host=cache.example",
        "spring.data.redis.timeout=0s").origins();
    assertThat(origins).containsEntry("jcacheredis.timeoutMillis", "spring.data.redis.timeout")
        .containsEntry("jcacheredis.url", "spring.data.redis.host/port/database/username/password");
  }

  @Test
  void aFileThatNamesAnAddressTakesTheWholeAddressAndEachSettingItMakes() {
    ManagerProperties settings = managerProperties("spring.data.redis.sentinel.master=m",
        "spring.data.redis.sentinel.nodes=s1:26379", "jcache-redis.prefix=ours", "jcache-redis.timeout=1s");
    Properties file = new Properties();
    file.setProperty("jcacheredis.url", "redis://from-file:6379");
    file.setProperty("jcacheredis.prefix", "theirs");
    settings.yieldTo(file);
    assertThat(settings.properties())
        .doesNotContainKeys("jcacheredis.sentinelNodes", "jcacheredis.sentinelMaster", "jcacheredis.prefix")
        .containsEntry("jcacheredis.timeoutMillis", "1000");
  }
}
