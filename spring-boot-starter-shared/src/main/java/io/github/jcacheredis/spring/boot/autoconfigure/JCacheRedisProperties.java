package io.github.jcacheredis.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code jcache-redis.*} properties of a Spring Boot application. None is needed: the Redis address and
 * credentials come from {@code spring.data.redis.*}, and every cache gets the {@link #getDefaults() defaults}. A YAML
 * file named by {@code spring.cache.jcache.config} (or {@code jcache-redis.yaml} on the class path) wins over both
 * for every setting it makes.
 */
@ConfigurationProperties("jcache-redis")
public class JCacheRedisProperties {

  /**
   * Redis URL for the caches, when they are not to use the Redis of spring.data.redis.*:
   * redis[s]://[[user]:password@]host[:port][/database].
   */
  private String url;

  /**
   * First segment of every Redis key the caches write, 1 to 64 of A-Z a-z 0-9 _ . - (the provider's default is
   * "jcache"). Applications with the same prefix on the same Redis share their caches.
   */
  private String prefix;

  /**
   * Whether the classes of the application's own packages (those of its @SpringBootApplication class, which
   * component scanning covers) may be stored besides the JDK's value types.
   */
  private boolean allowApplicationPackages = true;

  /**
   * Further packages whose classes may be stored (and read back), "*" for every class. A value of a class outside
   * them is refused when written and never deserialized when read.
   */
  private List<String> allowedPackages = new ArrayList<>();

  /**
   * HMAC-SHA256 keys that sign (the first) and verify (all) every value, event and configuration record: text of at
   * least 32 bytes, or "base64:" and at least 32 bytes in base64. Never logged.
   */
  private List<String> signingKeys = new ArrayList<>();

  /** How long Redis may take to answer a command (default spring.data.redis.timeout, else 2s). */
  private Duration timeout;

  /** How long opening a connection may take (default spring.data.redis.connect-timeout, else 1s). */
  private Duration connectTimeout;

  /** How often a command that could not be sent is retried (default 1). */
  private Integer retryAttempts;

  /** Largest number of pooled connections to Redis (default 32). */
  private Integer poolSize;

  /** TLS settings for rediss:// connections. */
  private final Tls tls = new Tls();

  /** Settings of every cache the application does not configure in a YAML file. */
  private final Defaults defaults = new Defaults();

  /** @return the Redis URL for the caches, or {@code null} to use spring.data.redis.* */
  public String getUrl() {
    return url;
  }

  /** @param url the Redis URL for the caches */
  public void setUrl(String url) {
    this.url = url;
  }

  /** @return the key prefix, or {@code null} for the provider's default */
  public String getPrefix() {
    return prefix;
  }

  /** @param prefix the key prefix */
  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  /** @return whether the application's own packages may be stored */
  public boolean isAllowApplicationPackages() {
    return allowApplicationPackages;
  }

  /** @param allowApplicationPackages whether the application's own packages may be stored */
  public void setAllowApplicationPackages(boolean allowApplicationPackages) {
    this.allowApplicationPackages = allowApplicationPackages;
  }

  /** @return further allowed packages */
  public List<String> getAllowedPackages() {
    return allowedPackages;
  }

  /** @param allowedPackages further allowed packages */
  public void setAllowedPackages(List<String> allowedPackages) {
    this.allowedPackages = allowedPackages;
  }

  /** @return the signing keys, the signing one first */
  public List<String> getSigningKeys() {
    return signingKeys;
  }

  /** @param signingKeys the signing keys, the signing one first */
  public void setSigningKeys(List<String> signingKeys) {
    this.signingKeys = signingKeys;
  }

  /** @return the command timeout, or {@code null} */
  public Duration getTimeout() {
    return timeout;
  }

  /** @param timeout the command timeout */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /** @return the connect timeout, or {@code null} */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** @param connectTimeout the connect timeout */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** @return the retry count, or {@code null} */
  public Integer getRetryAttempts() {
    return retryAttempts;
  }

  /** @param retryAttempts the retry count */
  public void setRetryAttempts(Integer retryAttempts) {
    this.retryAttempts = retryAttempts;
  }

  /** @return the pool size, or {@code null} */
  public Integer getPoolSize() {
    return poolSize;
  }

  /** @param poolSize the pool size */
  public void setPoolSize(Integer poolSize) {
    this.poolSize = poolSize;
  }

  /** @return the TLS settings */
  public Tls getTls() {
    return tls;
  }

  /** @return the settings of caches no YAML file configures */
  public Defaults getDefaults() {
    return defaults;
  }

  /** TLS settings for {@code rediss://} connections. */
  public static class Tls {

    /** A PKCS12 or JKS trust store file holding the CA of the server's certificate (default: the JVM's trust). */
    private String truststore;

    /** The trust store's password. */
    private String truststorePassword;

    /** Whether the server's host name must match its certificate. */
    private boolean verifyHostname = true;

    /** @return the trust store file, or {@code null} */
    public String getTruststore() {
      return truststore;
    }

    /** @param truststore the trust store file */
    public void setTruststore(String truststore) {
      this.truststore = truststore;
    }

    /** @return the trust store's password, or {@code null} */
    public String getTruststorePassword() {
      return truststorePassword;
    }

    /** @param truststorePassword the trust store's password */
    public void setTruststorePassword(String truststorePassword) {
      this.truststorePassword = truststorePassword;
    }

    /** @return whether the host name is verified */
    public boolean isVerifyHostname() {
      return verifyHostname;
    }

    /** @param verifyHostname whether the host name is verified */
    public void setVerifyHostname(boolean verifyHostname) {
      this.verifyHostname = verifyHostname;
    }
  }

  /** The settings of a cache created on first use or listed in spring.cache.cache-names. */
  public static class Defaults {

    /** When entries expire. */
    private final Expiry expiry = new Expiry();

    /**
     * Whether the cache keeps JSR-107 statistics, which the cache.* Micrometer metrics and the CacheStatistics
     * MXBean read.
     */
    private boolean statistics = true;

    /** Whether the cache's CacheConfiguration MXBean is registered. */
    private boolean management;

    /** An in-process copy of recently read entries, invalidated by Redis; off unless maximum-size is set. */
    private final NearCache nearCache = new NearCache();

    /** Encoded size above which values are stored LZ4-compressed (at least 64B; default 4KB). */
    private DataSize compressionThreshold;

    /** Whether the cache serves misses and skips writes while Redis is unreachable, instead of failing. */
    private boolean degradeWhenUnavailable;

    /**
     * Whether a missing key is loaded once across every instance of the application: Spring's
     * Cache.get(key, valueLoader), and so @Cacheable(sync = true), runs its value loader in one instance while the
     * others wait for the value in Redis.
     */
    private boolean singleFlight = true;

    /** How long a loading instance holds a key's load lease without renewing it (default 10s, at least 100ms). */
    private Duration loadLeaseTime;

    /** The longest an instance waits for another's load before loading itself (default 30s). */
    private Duration loadWaitTimeout;

    /** @return the expiry settings */
    public Expiry getExpiry() {
      return expiry;
    }

    /** @return whether statistics are kept */
    public boolean isStatistics() {
      return statistics;
    }

    /** @param statistics whether statistics are kept */
    public void setStatistics(boolean statistics) {
      this.statistics = statistics;
    }

    /** @return whether the configuration MXBean is registered */
    public boolean isManagement() {
      return management;
    }

    /** @param management whether the configuration MXBean is registered */
    public void setManagement(boolean management) {
      this.management = management;
    }

    /** @return the near cache settings */
    public NearCache getNearCache() {
      return nearCache;
    }

    /** @return the compression threshold, or {@code null} for the provider's default */
    public DataSize getCompressionThreshold() {
      return compressionThreshold;
    }

    /** @param compressionThreshold the compression threshold */
    public void setCompressionThreshold(DataSize compressionThreshold) {
      this.compressionThreshold = compressionThreshold;
    }

    /** @return whether the cache degrades while Redis is unreachable */
    public boolean isDegradeWhenUnavailable() {
      return degradeWhenUnavailable;
    }

    /** @param degradeWhenUnavailable whether the cache degrades while Redis is unreachable */
    public void setDegradeWhenUnavailable(boolean degradeWhenUnavailable) {
      this.degradeWhenUnavailable = degradeWhenUnavailable;
    }

    /** @return whether loads of missing keys are single-flight across instances */
    public boolean isSingleFlight() {
      return singleFlight;
    }

    /** @param singleFlight whether loads of missing keys are single-flight across instances */
    public void setSingleFlight(boolean singleFlight) {
      this.singleFlight = singleFlight;
    }

    /** @return the load lease time, or {@code null} for the provider's default */
    public Duration getLoadLeaseTime() {
      return loadLeaseTime;
    }

    /** @param loadLeaseTime the load lease time */
    public void setLoadLeaseTime(Duration loadLeaseTime) {
      this.loadLeaseTime = loadLeaseTime;
    }

    /** @return the longest wait for another instance's load, or {@code null} for the provider's default */
    public Duration getLoadWaitTimeout() {
      return loadWaitTimeout;
    }

    /** @param loadWaitTimeout the longest wait for another instance's load */
    public void setLoadWaitTimeout(Duration loadWaitTimeout) {
      this.loadWaitTimeout = loadWaitTimeout;
    }
  }

  /** When entries expire: the JSR-107 expiry policy of the cache. */
  public static class Expiry {

    /**
     * Which event starts an entry's lifetime: eternal (never expires), created, accessed, modified (created or
     * updated) or touched (any of these). Default: created when a duration is set, else eternal.
     */
    private ExpiryType type;

    /** How long an entry lives after that event, e.g. 10m; required unless the type is eternal. */
    private Duration duration;

    /** @return the expiry type, or {@code null} */
    public ExpiryType getType() {
      return type;
    }

    /** @param type the expiry type */
    public void setType(ExpiryType type) {
      this.type = type;
    }

    /** @return the lifetime, or {@code null} */
    public Duration getDuration() {
      return duration;
    }

    /** @param duration the lifetime */
    public void setDuration(Duration duration) {
      this.duration = duration;
    }
  }

  /** The JSR-107 expiry policies. */
  public enum ExpiryType {
    /** Entries never expire. */
    ETERNAL,
    /** Entries expire a duration after they are created. */
    CREATED,
    /** Entries expire a duration after they are last read or written. */
    ACCESSED,
    /** Entries expire a duration after they are created or last updated. */
    MODIFIED,
    /** Entries expire a duration after they are last read, created or updated. */
    TOUCHED
  }

  /** A near cache: recently read entries kept in this JVM as serialized bytes, invalidated by Redis. */
  public static class NearCache {

    /** The most entries kept in this JVM; setting it turns the near cache on. */
    private Long maximumSize;

    /** How long an entry may be served locally before it is read from Redis again (default 10m). */
    private Duration timeToLive;

    /** @return the size bound, or {@code null} for no near cache */
    public Long getMaximumSize() {
      return maximumSize;
    }

    /** @param maximumSize the size bound */
    public void setMaximumSize(Long maximumSize) {
      this.maximumSize = maximumSize;
    }

    /** @return the local time to live, or {@code null} */
    public Duration getTimeToLive() {
      return timeToLive;
    }

    /** @param timeToLive the local time to live */
    public void setTimeToLive(Duration timeToLive) {
      this.timeToLive = timeToLive;
    }
  }
}
