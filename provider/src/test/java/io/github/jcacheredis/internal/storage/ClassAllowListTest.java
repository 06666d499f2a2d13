package io.github.jcacheredis.internal.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the allow-list lets a reader load, and that declaring a JDK type never widens it to a package. */
class ClassAllowListTest {

  @ParameterizedTest
  @ValueSource(strings = {"java.lang.reflect.Proxy", "java.lang.invoke.MethodHandle", "java.lang.ProcessBuilder",
      "java.lang.Runtime", "java.lang.Thread", "java.lang.ClassLoader", "java.lang.Class"})
  void declaringStringAllowsStringAloneNotJavaLang(String className) {
    ClassAllowList allowList = new ClassAllowList(List.of());
    allowList.allowPackageOf(String.class);
    assertTrue(allowList.allows("java.lang.String"));
    assertFalse(allowList.allows(className), className);
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.net.URL", "java.net.InetAddress", "java.net.Socket", "java.net.URLClassLoader"})
  void declaringUriAllowsUriAloneNotJavaNet(String className) {
    ClassAllowList allowList = new ClassAllowList(List.of());
    allowList.allowPackageOf(URI.class);
    allowList.allowPackageOf(java.net.InetSocketAddress.class);
    assertTrue(allowList.allows("java.net.URI"));
    assertTrue(allowList.allows("java.net.InetSocketAddress"));
    assertFalse(allowList.allows(className), className);
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.util.logging.Logger", "java.util.stream.Stream", "java.util.jar.JarFile",
      "java.util.concurrent.locks.ReentrantLock", "java.util.zip.ZipFile", "java.util.prefs.Preferences",
      "java.util.ServiceLoader", "java.util.Timer", "javax.naming.InitialContext", "jdk.internal.misc.Unsafe",
      "sun.misc.Unsafe", "com.sun.rowset.JdbcRowSetImpl"})
  void theJdkPackagesAllowedByDefaultStopAtTheirSubPackages(String className) {
    assertFalse(new ClassAllowList(List.of()).allows(className), className);
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.util.ArrayList", "java.util.HashMap$Node", "java.util.concurrent.ConcurrentHashMap",
      "java.util.concurrent.atomic.AtomicLong", "java.time.Instant", "java.math.BigDecimal", "[Ljava.lang.String;",
      "[[I"})
  void theJdkValueTypesAndCollectionsAreAllowed(String className) {
    assertTrue(new ClassAllowList(List.of()).allows(className), className);
  }

  @Test
  void declaringAnApplicationTypeAllowsItsPackageButNotSubPackagesOfOthers() {
    ClassAllowList allowList = new ClassAllowList(List.of());
    allowList.allowPackageOf(HostilePayloads.Collider.class);
    assertTrue(allowList.allows("io.github.jcacheredis.internal.storage.Anything"));
    assertFalse(allowList.allows("io.github.jcacheredis.evil.Detonator"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"org.hibernate.cache.internal.BasicCacheKeyImplementation",
      "org.hibernate.cache.spi.support.AbstractReadWriteAccess$Item", "org.hibernate.cache.spi.QueryKey",
      "org.hibernate.query.spi.QueryParameterBindings$1", "org.springframework.cache.interceptor.SimpleKey",
      "org.springframework.cache.support.NullValue"})
  void theClassesHibernateAndSpringStoreThemselvesAreAllowedWithoutASetting(String className) {
    assertTrue(new ClassAllowList(List.of()).allows(className), className);
  }

  @ParameterizedTest
  @ValueSource(strings = {"org.hibernate.engine.spi.TypedValue", "org.hibernate.cache.spi.FilterKey",
      "org.hibernate.cache.spi.entry.ReferenceCacheEntryImpl", "org.hibernate.cache.internal.Anything",
      "org.hibernate.query.spi.QueryParameterBindings$2", "org.hibernate.type.BasicTypeReference",
      "org.springframework.cache.interceptor.SimpleKeyGenerator", "org.springframework.cache.support.Anything",
      "org.springframework.beans.factory.ObjectFactory"})
  void theirPackagesAreNot(String className) {
    assertFalse(new ClassAllowList(List.of()).allows(className), className);
  }
}
