package io.github.jcacheredis.internal.management;

import java.util.Objects;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.management.CacheMXBean;

/**
 * The standard configuration bean of one cache (JSR-107 §12.3), reading the cache's live configuration.
 */
public final class CacheConfigurationBean implements CacheMXBean {

  private final CompleteConfiguration<?, ?> configuration;

  /** @param configuration the cache's configuration */
  public CacheConfigurationBean(CompleteConfiguration<?, ?> configuration) {
    this.configuration = Objects.requireNonNull(configuration);
  }

  @Override
  public String getKeyType() {
    return configuration.getKeyType().getName();
  }

  @Override
  public String getValueType() {
    return configuration.getValueType().getName();
  }

  @Override
  public boolean isReadThrough() {
    return configuration.isReadThrough();
  }

  @Override
  public boolean isWriteThrough() {
    return configuration.isWriteThrough();
  }

  @Override
  public boolean isStoreByValue() {
    return configuration.isStoreByValue();
  }

  @Override
  public boolean isStatisticsEnabled() {
    return configuration.isStatisticsEnabled();
  }

  @Override
  public boolean isManagementEnabled() {
    return configuration.isManagementEnabled();
  }
}
