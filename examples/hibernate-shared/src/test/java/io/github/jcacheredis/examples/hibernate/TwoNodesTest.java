package io.github.jcacheredis.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two application nodes, this JVM and a child JVM, each with its own SessionFactory, on one database and one
 * Redis: what one node caches, updates or evicts, the other sees.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {

  /** The region factory the nodes use: hibernate-jcache's; a subclass runs the same tests on another. */
  String regionFactory() {
    return Library.JCACHE;
  }


  private static final int UPDATES = 20;

  Backends backends;
  SessionFactory nodeA;
  SecondNode nodeB;

  @BeforeAll
  void start() throws Exception {
    backends = Backends.start();
    nodeA = Library.open(backends.jdbcUrl(), true, null, regionFactory());
    SampleData.insert(nodeA);
    nodeB = SecondNode.start(backends, regionFactory());
  }

  @AfterAll
  void stop() {
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

  @BeforeEach
  void restoreDataAndEmptyCache() {
    SampleData.restore(nodeA);
  }

  @Test
  void whatTheFirstNodeLoadedTheSecondReadsFromTheCacheWithoutSql() throws Exception {
    Measured<String> onA = Measured.inTransaction(nodeA,
        session -> session.find(Book.class, SampleData.DUNE).getTitle());
    SecondNode.awaitNextMillisecond();
    Measured<String> onB = nodeB.bookTitle(SampleData.DUNE);

    assertEquals(1, onA.statements(), "node A misses and selects the row");
    assertEquals(0, onA.cacheHits());
    assertEquals("Dune", onB.result());
    assertEquals(0, onB.statements(), "node B's first read of the book sends no SQL");
    assertEquals(1, onB.cacheHits());
  }

  @Test
  void aNaturalIdTheFirstNodeResolvedTheSecondResolvesWithoutSql() throws Exception {
    Measured.inTransaction(nodeA, session -> NaturalIds.book(session, SampleData.NAUTILUS_ISBN).getTitle());

    Measured<String> onB = nodeB.bookTitleByIsbn(SampleData.NAUTILUS_ISBN);

    assertEquals("Twenty Thousand Leagues Under the Seas", onB.result());
    assertEquals(0, onB.statements());
  }

  @Test
  void aQueryResultTheFirstNodeCachedTheSecondReadsWithoutSqlUntilTheTableChanges() throws Exception {
    Measured.inTransaction(nodeA, session -> Library.titlesOf(session, SampleData.HERBERT));

    Measured<String> cached = nodeB.titlesOf(SampleData.HERBERT);
    nodeA.inTransaction(session -> session.find(Book.class, SampleData.DUNE).setTitle("Dune (2nd edition)"));
    SecondNode.awaitNextMillisecond(); // timestamps of whole milliseconds: a read in the update's own one misses
    Measured<String> afterUpdate = nodeB.titlesOf(SampleData.HERBERT);

    assertEquals(0, cached.statements(), "node A's cached result, found by node B's query key");
    assertEquals("Dune,Dune Messiah", cached.result());
    assertEquals(1, afterUpdate.statements(), "node A's update stamped the table in the shared timestamps region");
    assertEquals("Dune (2nd edition),Dune Messiah", afterUpdate.result());
  }

  @Test
  void afterTheFirstNodeUpdatesAReadWriteEntityTheSecondNeverReadsTheOldVersion() throws Exception {
    nodeB.bookTitle(SampleData.MESSIAH);
    for (int edition = 1; edition <= UPDATES; edition++) {
      String title = "Dune Messiah, edition " + edition;
      nodeA.inTransaction(session -> session.find(Book.class, SampleData.MESSIAH).setTitle(title));
      SecondNode.awaitNextMillisecond();

      Measured<String> onB = nodeB.bookTitle(SampleData.MESSIAH);

      assertEquals(title, onB.result(), "node B after update " + edition);
      // READ_WRITE puts the new version into the cache as the update commits: B still sends no SQL.
      assertEquals(0, onB.statements(), "node B after update " + edition);
    }
  }

  @Test
  void afterTheFirstNodeUpdatesANonstrictEntityTheSecondNeverReadsTheOldVersion() throws Exception {
    nodeB.authorName(SampleData.VERNE);
    for (int edit = 1; edit <= UPDATES; edit++) {
      String name = "Jules Verne (" + edit + ")";
      nodeA.inTransaction(session -> session.find(Author.class, SampleData.VERNE).setName(name));
      SecondNode.awaitNextMillisecond(); // timestamps of whole milliseconds: a read in the update's own one misses

      Measured<String> onB = nodeB.authorName(SampleData.VERNE);

      assertEquals(name, onB.result(), "node B after edit " + edit);
      // NONSTRICT_READ_WRITE evicts on update: B reads the row and caches it again.
      assertEquals(1, onB.statements(), "node B after edit " + edit);
    }
  }

  @Test
  void evictingARegionOnTheFirstNodeEvictsItForTheSecond() throws Exception {
    nodeB.bookTitle(SampleData.DUNE);
    assertEquals(0, nodeB.bookTitle(SampleData.DUNE).statements(), "cached");

    nodeA.getCache().evictEntityData(Book.class);
    SecondNode.awaitNextMillisecond(); // a load in the eviction's own millisecond is not cached

    assertEquals(1, nodeB.bookTitle(SampleData.DUNE).statements(), "evicted by node A");
    assertEquals(0, nodeB.bookTitle(SampleData.DUNE).statements(), "cached again");
  }

  @Test
  void evictingOneEntityOnTheFirstNodeEvictsItForTheSecond() throws Exception {
    nodeB.bookTitle(SampleData.DUNE);
    nodeB.bookTitle(SampleData.MESSIAH);

    nodeA.getCache().evictEntityData(Book.class, SampleData.DUNE);
    SecondNode.awaitNextMillisecond(); // a load in the eviction's own millisecond is not cached

    assertEquals(1, nodeB.bookTitle(SampleData.DUNE).statements(), "evicted by node A");
    assertEquals(0, nodeB.bookTitle(SampleData.MESSIAH).statements(), "left alone");
  }

  @Test
  void evictingAllRegionsOnTheFirstNodeEvictsThemForTheSecond() throws Exception {
    nodeB.bookTitle(SampleData.DUNE);
    nodeB.authorName(SampleData.HERBERT);
    nodeB.bookTitleByIsbn(SampleData.NAUTILUS_ISBN);

    nodeA.getCache().evictAllRegions();
    SecondNode.awaitNextMillisecond(); // a load in the eviction's own millisecond is not cached

    assertEquals(1, nodeB.bookTitle(SampleData.DUNE).statements());
    assertEquals(1, nodeB.authorName(SampleData.HERBERT).statements());
    assertEquals(1, nodeB.bookTitleByIsbn(SampleData.NAUTILUS_ISBN).statements());
  }
}
