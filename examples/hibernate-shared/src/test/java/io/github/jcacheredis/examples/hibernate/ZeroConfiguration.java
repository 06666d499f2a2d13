package io.github.jcacheredis.examples.hibernate;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * An application that turns the second-level cache on with the two properties every JCache provider needs and
 * nothing else: no provider named, no configuration file, no jcache-redis setting but the Redis address (the
 * {@code jcacheredis.url} system property or {@code REDIS_URL}).
 */
final class ZeroConfiguration {

  private ZeroConfiguration() {
  }

  /**
   * @param jdbcUrl       the database every node shares
   * @param createSchema  whether this node creates the tables
   * @param regionFactory {@link Library#JCACHE} or {@link Library#JCACHE_REDIS}, the one cache property that
   *     differs
   */
  static SessionFactory open(String jdbcUrl, boolean createSchema, String regionFactory) {
    return new Configuration()
        .addAnnotatedClass(Note.class)
        .addAnnotatedClass(Ticket.class)
        .setProperty("hibernate.connection.url", jdbcUrl)
        .setProperty("hibernate.connection.username", "sa")
        .setProperty("hibernate.hbm2ddl.auto", createSchema ? "create" : "none")
        .setProperty("hibernate.generate_statistics", "true")
        .setProperty("hibernate.cache.use_second_level_cache", "true")
        .setProperty("hibernate.cache.region.factory_class", regionFactory)
        .buildSessionFactory();
  }
}
