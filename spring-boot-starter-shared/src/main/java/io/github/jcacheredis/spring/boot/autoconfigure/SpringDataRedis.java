package io.github.jcacheredis.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The {@code spring.data.redis.*} properties the caches take their Redis from, read without Spring Data Redis on the
 * class path (Spring Boot's own {@code RedisProperties} class lives in a different package on each Boot line, and in
 * a module the application may not have). The names are Spring Boot's, and mean what they mean there.
 */
final class SpringDataRedis {

  static final String PREFIX = "spring.data.redis";

  private String url;
  private String host;
  private Integer port;
  private Integer database;
  private String username;
  private String password;
  private Duration timeout;
  private Duration connectTimeout;
  private final Ssl ssl = new Ssl();
  private final Sentinel sentinel = new Sentinel();
  private final Cluster cluster = new Cluster();

  /**
   * @param environment the application's environment
   * @return what it sets under {@value #PREFIX}, with relaxed binding ({@code spring.data.redis.connect-timeout},
   *     {@code SPRING_DATA_REDIS_URL}, list values as commas or indexes)
   */
  static SpringDataRedis from(Environment environment) {
    return Binder.get(environment).bind(PREFIX, Bindable.of(SpringDataRedis.class)).orElseGet(SpringDataRedis::new);
  }

  /** @return whether any setting of a single server is made (Boot then connects to localhost:6379 by default) */
  boolean setsSingleServer() {
    return url != null || host != null || port != null || database != null || username != null || password != null
        || ssl.enabled != null;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public Integer getDatabase() {
    return database;
  }

  public void setDatabase(Integer database) {
    this.database = database;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Ssl getSsl() {
    return ssl;
  }

  public Sentinel getSentinel() {
    return sentinel;
  }

  public Cluster getCluster() {
    return cluster;
  }

  /** {@code spring.data.redis.ssl.*}. */
  static final class Ssl {
    private Boolean enabled;
    private String bundle;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public String getBundle() {
      return bundle;
    }

    public void setBundle(String bundle) {
      this.bundle = bundle;
    }
  }

  /** {@code spring.data.redis.sentinel.*}. */
  static final class Sentinel {
    private String master;
    private List<String> nodes = new ArrayList<>();
    private String username;
    private String password;

    public String getMaster() {
      return master;
    }

    public void setMaster(String master) {
      this.master = master;
    }

    public List<String> getNodes() {
      return nodes;
    }

    public void setNodes(List<String> nodes) {
      this.nodes = nodes;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }
  }

  /** {@code spring.data.redis.cluster.*}. */
  static final class Cluster {
    private List<String> nodes = new ArrayList<>();

    public List<String> getNodes() {
      return nodes;
    }

    public void setNodes(List<String> nodes) {
      this.nodes = nodes;
    }
  }
}
