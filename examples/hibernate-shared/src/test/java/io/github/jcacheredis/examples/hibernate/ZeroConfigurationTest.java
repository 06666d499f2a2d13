package io.github.jcacheredis.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hibernate with {@code hibernate.cache.use_second_level_cache=true} and
 * {@code hibernate.cache.region.factory_class=jcache} and nothing else ({@link ZeroConfiguration}), on two JVMs:
 * the cache classes Hibernate stores are allowed by the provider without a setting, and an application class in
 * an entity's state is refused at its first put, naming the package to list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZeroConfigurationTest {

  /** hibernate-jcache's region factory; a subclass runs the same tests on another. */
  String regionFactory() {
    return Library.JCACHE;
  }


  // Entries go under the default key prefix: random ids keep a shared REDIS_URL's earlier runs out of the way.
  private static final long FIRST_ID = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);

  private Backends backends;
  private SessionFactory nodeA;
  private SecondNode nodeB;
  private long nextId = FIRST_ID;

  @BeforeAll
  void start() throws Exception {
    backends = Backends.startWithRedisUrlOnly();
    nodeA = ZeroConfiguration.open(backends.jdbcUrl(), true, regionFactory());
    nodeB = SecondNode.startWithoutConfiguration(backends, regionFactory());
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

  private long insertNote(String title) {
    long id = nextId++;
    nodeA.inTransaction(session -> session.persist(new Note(id, title)));
    nodeA.getCache().evictEntityData(Note.class);
    SecondNode.awaitNextMillisecond(); // a load in the eviction's own millisecond is not cached
    return id;
  }

  @Test
  void anEntityOfJdkTypesCachedByTheFirstNodeIsReadByTheSecondWithoutSql() throws Exception {
    long id = insertNote("Groceries");

    Measured<String> onA = Measured.inTransaction(nodeA, session -> session.find(Note.class, id).getTitle());
    SecondNode.awaitNextMillisecond();
    Measured<String> onB = nodeB.noteTitle(id);

    assertEquals(1, onA.statements(), "node A misses and selects the row");
    assertEquals("Groceries", onB.result());
    assertEquals(0, onB.statements(), "node B reads node A's entry");
    assertEquals(1, onB.cacheHits());
  }

  @Test
  void anUpdateOnTheFirstNodeIsReadByTheSecondFromTheCache() throws Exception {
    long id = insertNote("Draft");
    nodeB.noteTitle(id);

    // READ_WRITE, Hibernate's default: a soft lock while the update runs, then the new state with its timestamp.
    nodeA.inTransaction(session -> session.find(Note.class, id).setTitle("Final"));
    SecondNode.awaitNextMillisecond();
    Measured<String> onB = nodeB.noteTitle(id);

    assertEquals("Final", onB.result());
    assertEquals(0, onB.statements(), "node A put the new state into the cache as the update committed");
  }

  @Test
  void anEntityHoldingAnApplicationEnumIsRefusedAtItsFirstPutNamingThePackageToList() {
    long id = nextId++;

    // READ_WRITE puts a new entity into the cache once its insert commits.
    RuntimeException refused = assertThrows(RuntimeException.class,
        () -> nodeA.inTransaction(session -> session.persist(new Ticket(id, "Printer jam", Ticket.Priority.HIGH))));

    String message = refused.getMessage();
    assertTrue(message.contains("Class " + Ticket.Priority.class.getName() + " is not on the deserialization"
        + " allow-list; add its package \"io.github.jcacheredis.examples.hibernate\" to the setting"
        + " jcacheredis.allowedPackages"), message);
  }
}
