package io.github.jcacheredis.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.OptimisticLockException;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StaleStateException;
import org.hibernate.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The race of two nodes on one READ_WRITE entity: node A (this JVM) updates a versioned book in a loop (read it,
 * change it, commit) while node B (a child JVM) evicts it from the second-level cache and loads it again in a
 * loop, on several threads. Every read on A that returns an older version than A last committed came from the
 * cache, outdated; it then fails its commit with an optimistic-lock exception.
 *
 * <p>With hibernate-jcache ({@code -Drace.regionFactory=jcache}) B's {@code putFromLoad} can write the version it
 * selected before A's commit after A's commit has replaced its soft lock, or after B's own eviction erased that
 * lock, and A then reads the old version from the cache: this test fails. With {@code jcache-redis}, the default,
 * each check-then-write is one compare-and-set in Redis and eviction leaves a marker only later transactions may
 * overwrite: no outdated read, and the cache ends where the database ends.
 */
class StaleReadRaceTest {

  private static final Logger LOG = LoggerFactory.getLogger(StaleReadRaceTest.class);

  private static final String REGION_FACTORY = System.getProperty("race.regionFactory", Library.JCACHE_REDIS);
  private static final long SECONDS = Long.getLong("race.seconds", 8);
  private static final int CHURN_THREADS = Integer.getInteger("race.churnThreads", 2);

  private static Backends backends;
  private static SessionFactory nodeA;
  private static SecondNode nodeB;

  @BeforeAll
  static void start() throws Exception {
    backends = Backends.start();
    nodeA = Library.open(backends.jdbcUrl(), true, null, REGION_FACTORY);
    SampleData.insert(nodeA);
    nodeB = SecondNode.start(backends, REGION_FACTORY);
  }

  @AfterAll
  static void stop() {
    try {
      if (nodeB != null) {
        nodeB.close();
      }
    } finally {
      if (nodeA != null) {
        nodeA.close();
      }
      if (backends != null) {
        backends.close();
      }
    }
  }

  @Test
  void aNodeUpdatingWhileAnotherEvictsAndReloadsNeverReadsAnOutdatedVersion() throws Exception {
    int committed = databaseVersion();
    long updates = 0;
    long outdatedReads = 0;
    long optimisticLockFailures = 0;
    nodeB.startChurn(SampleData.DUNE, CHURN_THREADS);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    try {
      while (System.nanoTime() < end) {
        try (Session session = nodeA.openSession()) {
          Transaction transaction = session.beginTransaction();
          try {
            Book book = session.find(Book.class, SampleData.DUNE);
            if (book.getVersion() < committed) {
              outdatedReads++;
            }
            book.setTitle("Dune #" + updates);
            transaction.commit();
            committed = book.getVersion();
            updates++;
          } catch (OptimisticLockException | StaleStateException e) {
            optimisticLockFailures++;
            if (transaction.isActive()) {
              transaction.rollback();
            }
          }
        }
      }
    } finally {
      long cycles = nodeB.stopChurn();
      LOG.info("{}: {} updates on node A, {} evict-and-load cycles on node B ({} threads): {} outdated reads,"
          + " {} optimistic-lock failures", REGION_FACTORY, updates, cycles, CHURN_THREADS, outdatedReads,
          optimisticLockFailures);
    }

    assertEquals(0, outdatedReads, "reads of a version older than the last committed, in " + updates + " updates");
    assertEquals(0, optimisticLockFailures, "commits that failed on an outdated version");
    assertEquals(committed, databaseVersion());
    // Once both nodes are quiet, what either reads (the first read may load, the second is a cache hit) is the
    // database's version.
    SecondNode.awaitNextMillisecond();
    for (int read = 1; read <= 2; read++) {
      assertEquals(committed, nodeA.fromTransaction(session -> session.find(Book.class, SampleData.DUNE))
          .getVersion(), "node A's read " + read + " after the race");
    }
    String title = nodeA.fromTransaction(session -> session.find(Book.class, SampleData.DUNE).getTitle());
    SecondNode.awaitNextMillisecond();
    Measured<String> onB = nodeB.bookTitle(SampleData.DUNE);
    assertEquals(title, onB.result(), "node B's read after the race");
    assertEquals(0, onB.statements(), "node B reads it from the cache");
  }

  private static int databaseVersion() {
    return nodeA.fromTransaction(session -> ((Number) session
        .createNativeQuery("select version from Book where id = " + SampleData.DUNE, Object.class)
        .getSingleResult()).intValue());
  }
}
