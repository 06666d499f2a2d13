package io.github.jcacheredis.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hibernate.Session;
import org.hibernate.Transaction;
import org.junit.jupiter.api.Test;

/** {@link TwoNodesTest} with both nodes on the region factory {@code jcache-redis}, and its eviction. */
class TwoNodesOnJcacheRedisTest extends TwoNodesTest {

  @Override
  String regionFactory() {
    return Library.JCACHE_REDIS;
  }

  /**
   * The first step of the race hibernate-jcache loses across JVMs: an eviction on node B while node A's update holds
   * the soft lock. hibernate-jcache deletes the lock, and B's next load caches the row A is replacing (B's second
   * read is a cache hit); jcache-redis keeps the lock, so B reads the database until A's commit replaces the lock by
   * the new version, which B then reads from the cache.
   */
  @Test
  void anEvictionWhileTheOtherNodeUpdatesKeepsItsSoftLock() throws Exception {
    nodeB.bookTitle(SampleData.MESSIAH);
    try (Session session = nodeA.openSession()) {
      Transaction transaction = session.beginTransaction();
      session.find(Book.class, SampleData.MESSIAH).setTitle("Dune Messiah (revised)");
      session.flush(); // the soft lock is taken and the row updated, not yet committed

      nodeB.evictBook(SampleData.MESSIAH);
      Measured<String> first = nodeB.bookTitle(SampleData.MESSIAH);
      Measured<String> second = nodeB.bookTitle(SampleData.MESSIAH);

      assertEquals(SampleData.MESSIAH_TITLE, first.result(), "the committed row");
      assertEquals(1, first.statements());
      assertEquals(1, second.statements(), "locked: the first read's load was not cached");
      transaction.commit();
    }
    SecondNode.awaitNextMillisecond();

    Measured<String> afterCommit = nodeB.bookTitle(SampleData.MESSIAH);

    assertEquals("Dune Messiah (revised)", afterCommit.result());
    assertEquals(0, afterCommit.statements(), "node A's commit replaced its lock by the new version");
  }
}
