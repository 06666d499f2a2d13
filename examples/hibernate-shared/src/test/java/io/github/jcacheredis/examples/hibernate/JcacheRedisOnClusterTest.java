package io.github.jcacheredis.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jcacheredis.launcher.PrivateRedis;
import io.github.jcacheredis.launcher.RedisCluster;
import java.util.List;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The region factory {@code jcache-redis} on a Redis Cluster of three masters: each READ_WRITE step reads and
 * writes one entry, one key, so loads, updates, evictions and the query cache work whatever slots the keys hash to.
 */
class JcacheRedisOnClusterTest {

  private static final String CLUSTER_NODES_PROPERTY = "jcacheredis.clusterNodes";

  @RegisterExtension
  static final PrivateRedis<RedisCluster> CLUSTER = PrivateRedis.cluster(3, 0);

  private static SessionFactory sessionFactory;

  @BeforeAll
  static void start(RedisCluster cluster) throws Exception {
    System.setProperty(CLUSTER_NODES_PROPERTY, cluster.seeds());
    String name = UUID.randomUUID().toString().substring(0, 8);
    System.setProperty(Backends.PREFIX_PROPERTY, "hibernate-" + name);
    // One node: an in-memory database of this JVM is enough.
    sessionFactory = Library.open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", true, null, Library.JCACHE_REDIS);
    SampleData.insert(sessionFactory);
  }

  @AfterAll
  static void stop() {
    try {
      if (sessionFactory != null) {
        sessionFactory.close();
      }
    } finally {
      System.clearProperty(CLUSTER_NODES_PROPERTY);
      System.clearProperty(Backends.PREFIX_PROPERTY);
    }
  }

  @BeforeEach
  void restoreDataAndEmptyCache() {
    SampleData.restore(sessionFactory);
  }

  @Test
  void aLoadedBookIsThenReadFromTheCache() {
    Measured<String> first = read(SampleData.DUNE);
    Measured<String> second = read(SampleData.DUNE);

    assertEquals(1, first.statements());
    assertEquals("Dune", second.result());
    assertEquals(0, second.statements());
  }

  @Test
  void anUpdatedBookIsReadFromTheCacheInItsNewVersion() {
    read(SampleData.NAUTILUS);

    sessionFactory.inTransaction(session -> session.find(Book.class, SampleData.NAUTILUS).setTitle("Nautilus"));
    SecondNode.awaitNextMillisecond(); // timestamps of whole milliseconds: a read in the update's own one misses
    Measured<String> afterUpdate = read(SampleData.NAUTILUS);

    assertEquals("Nautilus", afterUpdate.result());
    assertEquals(0, afterUpdate.statements(), "the commit replaced the soft lock by the new version");
  }

  @Test
  void anEvictedBookIsLoadedAgainThenCached() {
    read(SampleData.MESSIAH);

    sessionFactory.getCache().evictEntityData(Book.class, SampleData.MESSIAH);
    SecondNode.awaitNextMillisecond(); // a load in the eviction's own millisecond is not cached

    assertEquals(1, read(SampleData.MESSIAH).statements(), "evicted");
    assertEquals(0, read(SampleData.MESSIAH).statements(), "cached again");
  }

  @Test
  void evictingTheRegionEvictsEveryBookOnEveryMaster() {
    for (long id : List.of(SampleData.DUNE, SampleData.MESSIAH, SampleData.NAUTILUS)) {
      read(id);
    }

    sessionFactory.getCache().evictEntityData(Book.class);
    SecondNode.awaitNextMillisecond(); // a load in the eviction's own millisecond is not cached

    for (long id : List.of(SampleData.DUNE, SampleData.MESSIAH, SampleData.NAUTILUS)) {
      assertEquals(1, read(id).statements(), "book " + id + " evicted");
      assertEquals(0, read(id).statements(), "book " + id + " cached again");
    }
  }

  @Test
  void aCachedQueryIsAnsweredWithoutSqlUntilItsTableChanges() {
    Measured.inTransaction(sessionFactory, session -> Library.titlesOf(session, SampleData.HERBERT));
    Measured<List<String>> cached = Measured.inTransaction(sessionFactory,
        session -> Library.titlesOf(session, SampleData.HERBERT));
    sessionFactory.inTransaction(session -> session.find(Book.class, SampleData.DUNE).setTitle("Dune!"));
    SecondNode.awaitNextMillisecond(); // timestamps of whole milliseconds: a read in the update's own one misses
    Measured<List<String>> afterUpdate = Measured.inTransaction(sessionFactory,
        session -> Library.titlesOf(session, SampleData.HERBERT));

    assertEquals(0, cached.statements());
    assertEquals(List.of("Dune!", "Dune Messiah"), afterUpdate.result());
    assertEquals(1, afterUpdate.statements());
  }

  private static Measured<String> read(long bookId) {
    return Measured.inTransaction(sessionFactory, session -> session.find(Book.class, bookId).getTitle());
  }
}
