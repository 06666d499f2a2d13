package io.github.jcacheredis.examples.hibernate;

import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * The result of one transaction and what it cost according to Hibernate's statistics: SQL statements sent to
 * the database and second-level cache hits (entities and collections).
 */
record Measured<T>(T result, long statements, long cacheHits) {

  static <T> Measured<T> inTransaction(SessionFactory sessionFactory, Function<Session, T> work) {
    Statistics statistics = sessionFactory.getStatistics();
    long statementsBefore = statistics.getPrepareStatementCount();
    long hitsBefore = statistics.getSecondLevelCacheHitCount();
    T result = sessionFactory.fromTransaction(work);
    return new Measured<>(result, statistics.getPrepareStatementCount() - statementsBefore,
        statistics.getSecondLevelCacheHitCount() - hitsBefore);
  }
}
