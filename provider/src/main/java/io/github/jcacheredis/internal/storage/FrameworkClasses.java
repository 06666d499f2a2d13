package io.github.jcacheredis.internal.storage;

import com.esotericsoftware.kryo.Serializer;
import io.github.jcacheredis.internal.storage.kryo.ArgumentsSerializer;
import io.github.jcacheredis.internal.storage.kryo.SingletonSerializer;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The classes that Hibernate's second-level cache and Spring's cache abstraction put into a cache themselves,
 * allowed by exact name so that neither needs a setting. Their packages are never allowed: {@code org.hibernate}
 * holds classes of published deserialization gadget chains ({@code org.hibernate.engine.spi.TypedValue} in
 * "Hibernate1"), and a package grows with every release.
 *
 * <p>Each class here holds only primitives, strings, JDK values and classes of this list, or fields declared
 * {@code Object} or {@code Serializable}, whose actual classes Kryo names in the bytes and the allow-list checks
 * like any other. What an application puts inside (an entity's enum, an id class) still needs its package listed.
 * Checked against hibernate-core 6.6.53 and 7.4.5 and spring-context 6.2.19.
 */
final class FrameworkClasses {

  /** What hibernate-jcache stores, in hibernate-core 6.6 and 7.x (update timestamps are a table name and a Long). */
  static final Set<String> HIBERNATE = Set.of(
      // Entity and collection keys (DefaultCacheKeysFactory): the id (a JDK value, a disassembled composite id as
      // Object[], or the application's id class), the entity or collection role name, the tenant id, a hash.
      "org.hibernate.cache.internal.BasicCacheKeyImplementation",
      "org.hibernate.cache.internal.CacheKeyImplementation",
      // Natural-id keys: the natural id's disassembled value (one value or Object[]), entity name, tenant, hash.
      "org.hibernate.cache.internal.NaturalIdCacheKey",
      // Query cache keys: the SQL, the parameter memento, first row, max rows, enabled filter names (String[]).
      // Its hash is a transient field, left at 0 in a key read back; only iterating the region reads keys back,
      // which Hibernate never does (entries are found by the key's bytes, not its hash).
      "org.hibernate.cache.spi.QueryKey",
      // A query's parameters as disassembled values (Object[]: tenant, bound values, filter values) and a hash.
      "org.hibernate.query.internal.QueryParameterBindingsImpl$ParameterBindingsMementoImpl",
      // QueryParameterBindings.NO_PARAMETER_BINDING_MEMENTO, the memento of every query without parameters: an
      // empty singleton that QueryKey.equals compares by identity, so it is read back as itself.
      "org.hibernate.query.spi.QueryParameterBindings$1",
      // A cached query result: when it was cached (Long in 6.6, long in 7's record) and the rows, a List of ids
      // or of disassembled values.
      "org.hibernate.cache.internal.QueryResultsCacheImpl$CacheItem",
      // An entity: its disassembled state (Serializable[] of JDK values, ids of associations, Object[] of
      // embeddables, and the application's immutable types such as enums), its version, its subclass name.
      "org.hibernate.cache.spi.entry.StandardCacheEntryImpl",
      // A collection: its disassembled elements (Object[] or Serializable of ids and values).
      "org.hibernate.cache.spi.entry.CollectionCacheEntry",
      // READ_WRITE regions: an entry wrapped with its version and the time it was cached...
      "org.hibernate.cache.spi.support.AbstractReadWriteAccess$Item",
      // ...and the soft lock held while a transaction updates it: the locking node's UUID, a lock id, the
      // version, a timeout, a concurrency flag and counters.
      "org.hibernate.cache.spi.support.AbstractReadWriteAccess$SoftLockImpl",
      // Markers inside an entity's disassembled state, singletons that Hibernate compares by identity:
      // LazyPropertyInitializer.UNFETCHED_PROPERTY (a lazy property not loaded) and
      // PropertyAccessStrategyBackRefImpl.UNKNOWN (the back-reference of a unidirectional one-to-many).
      "org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer$1",
      "org.hibernate.property.access.internal.PropertyAccessStrategyBackRefImpl$1");

  /** What Spring's cache abstraction stores through JCacheCache, in spring-context 6.x. */
  static final Set<String> SPRING = Set.of(
      // The key of a method with no parameter or several (SimpleKeyGenerator): the arguments (Object[]) and
      // their hash, a transient field that only its constructor computes, so it is rebuilt through it.
      "org.springframework.cache.interceptor.SimpleKey",
      // The value of a cached null: a singleton, compared by identity in Spring 5 (instanceof since 6), so it is
      // read back as NullValue.INSTANCE.
      "org.springframework.cache.support.NullValue");

  // The singletons above, by class: where the one instance is.
  private static final Map<String, StaticField> SINGLETONS = Map.of(
      "org.hibernate.query.spi.QueryParameterBindings$1",
      new StaticField("org.hibernate.query.spi.QueryParameterBindings", "NO_PARAMETER_BINDING_MEMENTO"),
      "org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer$1",
      new StaticField("org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer", "UNFETCHED_PROPERTY"),
      "org.hibernate.property.access.internal.PropertyAccessStrategyBackRefImpl$1",
      new StaticField("org.hibernate.property.access.internal.PropertyAccessStrategyBackRefImpl", "UNKNOWN"),
      "org.springframework.cache.support.NullValue",
      new StaticField("org.springframework.cache.support.NullValue", "INSTANCE"));

  private static final String SIMPLE_KEY = "org.springframework.cache.interceptor.SimpleKey";

  private FrameworkClasses() {
  }

  /**
   * @param className a binary class name
   * @return whether it is one of the framework classes above
   */
  static boolean allows(String className) {
    return HIBERNATE.contains(className) || SPRING.contains(className);
  }

  /**
   * @param type a class without a registered serializer
   * @return the serializer of a framework class that Kryo's field serializer would not read back faithfully (a
   *     singleton, a cached hash), or {@code null} when the field serializer is right for it
   */
  static @Nullable Serializer<?> serializerFor(Class<?> type) {
    StaticField singleton = SINGLETONS.get(type.getName());
    if (singleton != null) {
      return SingletonSerializer.of(type, singleton.holder(), singleton.name());
    }
    if (type.getName().equals(SIMPLE_KEY)) {
      return ArgumentsSerializer.of(type, "params");
    }
    return null;
  }

  /** A public static field, named without loading its class. */
  private record StaticField(String holder, String name) {
  }
}
