package io.github.jcacheredis.examples.hibernate;

import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * The example application: three cached entities and the Hibernate properties that make jcache-redis their
 * second-level cache. The cache's own settings (expiry, statistics, what Kryo may read) are in
 * {@code hibernate-cache.yaml}; the Redis address comes from the {@code jcacheredis.url} system property or
 * {@code REDIS_URL}.
 */
final class Library {

  /** The provider's class name, for an application that names it rather than letting JCache find it. */
  static final String PROVIDER = "io.github.jcacheredis.RedisCachingProvider";

  /**
   * hibernate-jcache's region factory: the standard one, whose READ_WRITE soft lock is a {@code get} then a
   * {@code put}, atomic within one JVM only.
   */
  static final String JCACHE = "jcache";

  /**
   * jcache-redis-hibernate's region factory: hibernate-jcache's, whose READ_WRITE check-then-writes are each one
   * atomic step in Redis, so no node caches an outdated entity.
   */
  static final String JCACHE_REDIS = "jcache-redis";

  private Library() {
  }

  /**
   * The application on hibernate-jcache's region factory.
   *
   * @param jdbcUrl      the database every node shares
   * @param createSchema whether this node creates the tables (the first node does, the others find them)
   * @param provider     the JCache provider to name, or {@code null} to let JCache discover the only one
   */
  static SessionFactory open(String jdbcUrl, boolean createSchema, String provider) {
    return open(jdbcUrl, createSchema, provider, JCACHE);
  }

  /**
   * @param jdbcUrl       the database every node shares
   * @param createSchema  whether this node creates the tables (the first node does, the others find them)
   * @param provider      the JCache provider to name, or {@code null} to let JCache discover the only one
   * @param regionFactory {@link #JCACHE} or {@link #JCACHE_REDIS}
   */
  static SessionFactory open(String jdbcUrl, boolean createSchema, String provider, String regionFactory) {
    Configuration configuration = new Configuration()
        .addAnnotatedClass(Country.class)
        .addAnnotatedClass(Author.class)
        .addAnnotatedClass(Book.class)
        .setProperty("hibernate.connection.url", jdbcUrl)
        .setProperty("hibernate.connection.username", "sa")
        .setProperty("hibernate.hbm2ddl.auto", createSchema ? "create" : "none")
        .setProperty("hibernate.generate_statistics", "true")
        // The second-level cache and the query cache, kept by JCache's single provider: jcache-redis.
        .setProperty("hibernate.cache.use_second_level_cache", "true")
        .setProperty("hibernate.cache.use_query_cache", "true")
        .setProperty("hibernate.cache.region.factory_class", regionFactory)
        // A class path resource, which Hibernate hands to the provider as the file: or jar: URL it resolves to.
        .setProperty("hibernate.javax.cache.uri", "hibernate-cache.yaml")
        // Regions are created as Hibernate asks for them, with the file's defaults.
        .setProperty("hibernate.javax.cache.missing_cache_strategy", "create");
    if (provider != null) {
      configuration.setProperty("hibernate.javax.cache.provider", provider);
    }
    return configuration.buildSessionFactory();
  }

  /** The titles of an author's books, by a query whose result is cached. */
  static List<String> titlesOf(Session session, long authorId) {
    return session.createQuery("select b from Book b where b.author.id = :author order by b.id", Book.class)
        .setParameter("author", authorId)
        .setCacheable(true)
        .getResultList().stream().map(Book::getTitle).toList();
  }
}
