package io.github.jcacheredis.spring.boot.autoconfigure;

import java.util.Locale;

/** The {@code cache.manager} tag of a cache's metrics, as Spring Boot derives it from the CacheManager's bean name. */
final class CacheManagerTag {

  private static final String SUFFIX = "cachemanager";

  private CacheManagerTag() {
  }

  /**
   * @param beanName the Spring CacheManager's bean name
   * @return the name without a trailing "CacheManager", unless nothing else is left ({@code cacheManager} stays)
   */
  static String of(String beanName) {
    if (beanName.length() > SUFFIX.length() && beanName.toLowerCase(Locale.ROOT).endsWith(SUFFIX)) {
      return beanName.substring(0, beanName.length() - SUFFIX.length());
    }
    return beanName;
  }
}
