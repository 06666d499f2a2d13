package io.github.jcacheredis.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The commands hibernate-jcache's calls send to Redis per entity read and write, for each strategy, seen with
 * MONITOR. Every command is one round trip. Regions: {@code books} READ_WRITE (with a natural-id cache,
 * {@code book-isbns}), {@code authors} NONSTRICT_READ_WRITE, {@code countries} READ_ONLY; updates also stamp
 * the table in {@code default-update-timestamps-region}, which the query cache checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisCommandsTest {

  /** The region factory the nodes use: hibernate-jcache's; a subclass runs the same tests on another. */
  String regionFactory() {
    return Library.JCACHE;
  }


  private static final String TIMESTAMPS = "default-update-timestamps-region";

  private Backends backends;
  private SessionFactory sessionFactory;
  private CommandLog redis;

  @BeforeAll
  void start() throws Exception {
    backends = Backends.start();
    sessionFactory = Library.open(backends.jdbcUrl(), true, null, regionFactory());
    SampleData.insert(sessionFactory);
    redis = new CommandLog(backends.redisUrl(), backends.keyPrefix());
  }

  @AfterAll
  void stop() throws Exception {
    if (redis != null) {
      redis.close();
    }
    if (sessionFactory != null) {
      sessionFactory.close();
    }
    if (backends != null) {
      backends.close();
    }
  }

  /**
   * The command that writes a READ_WRITE entry once its check passed: with hibernate-jcache a {@code SET}, after the
   * {@code GET} that read the entry; with jcache-redis the compare-and-set script ({@code EVALSHA}), which writes
   * only if the entry is still what that {@code GET} read.
   */
  String readWriteWrite() {
    return "SET";
  }

  @Test
  void readWrite() throws Exception {
    String write = readWriteWrite() + " books";
    // Every load of a book also checks its natural-id entry (Hibernate re-caches the ISBN -> id resolution
    // unless it is there already): the GET book-isbns, which an entity without @NaturalIdCache does not pay.
    assertEquals(List.of("GET books", "GET book-isbns"),
        cachedRead(session -> session.find(Book.class, SampleData.DUNE)));
    // The miss, the natural-id check, then putFromLoad: it reads the entry again (a soft lock or a newer version
    // would forbid the put) before writing it.
    assertEquals(List.of("GET books", "GET book-isbns", "GET books", write),
        uncachedRead(Book.class, SampleData.DUNE, session -> session.find(Book.class, SampleData.DUNE)));
    // Soft-lock the entry before the SQL update, replace the lock by the new version once committed.
    assertEquals(List.of("GET books", write, "SET " + TIMESTAMPS, "GET books", write, "SET " + TIMESTAMPS),
        update(session -> session.find(Book.class, SampleData.DUNE), book -> book.setTitle("Dune (revised)")));
  }

  /** What evicting a cached {@code Book} sends. */
  List<String> evictionOfACachedBook() {
    return List.of("DEL books");
  }

  @Test
  void evictingACachedReadWriteEntity() throws Exception {
    sessionFactory.inTransaction(session -> session.find(Book.class, SampleData.DUNE));

    assertEquals(evictionOfACachedBook(),
        redis.during(() -> sessionFactory.getCache().evictEntityData(Book.class, SampleData.DUNE)));
  }

  @Test
  void nonstrictReadWrite() throws Exception {
    assertEquals(List.of("GET authors"), cachedRead(session -> session.find(Author.class, SampleData.HERBERT)));
    assertEquals(List.of("GET authors", "SET authors"), uncachedRead(Author.class, SampleData.HERBERT,
        session -> session.find(Author.class, SampleData.HERBERT)));
    // Evict before the SQL update and again after the commit.
    assertEquals(List.of("DEL authors", "SET " + TIMESTAMPS, "DEL authors", "SET " + TIMESTAMPS),
        update(session -> session.find(Author.class, SampleData.HERBERT), author -> author.setName("F. Herbert")));
  }

  @Test
  void readOnly() throws Exception {
    assertEquals(List.of("GET countries"), cachedRead(session -> session.find(Country.class, SampleData.FRANCE)));
    assertEquals(List.of("GET countries", "SET countries"), uncachedRead(Country.class, SampleData.FRANCE,
        session -> session.find(Country.class, SampleData.FRANCE)));
  }

  @Test
  void aCachedCollectionAndItsElements() throws Exception {
    assertEquals(List.of("GET authors", "GET author-books", "GET books", "GET book-isbns"),
        cachedRead(session -> session.find(Author.class, SampleData.VERNE).getBooks().size()));
  }

  @Test
  void aNaturalIdLookup() throws Exception {
    assertEquals(List.of("GET book-isbns", "GET books"),
        cachedRead(session -> NaturalIds.book(session, SampleData.NAUTILUS_ISBN)));
  }

  @Test
  void aCachedQuery() throws Exception {
    // Hibernate 6+ caches the query's rows, not only ids: the books are built without reading their region.
    assertEquals(List.of("GET default-query-results-region", "GET " + TIMESTAMPS, "GET book-isbns"),
        cachedRead(session -> session.createQuery("select b from Book b where b.author.id = :author", Book.class)
            .setParameter("author", SampleData.VERNE).setCacheable(true).getResultList()));
  }

  /** The commands of a read in a new session whose data is cached (the same read, once before, caches it). */
  private List<String> cachedRead(Consumer<Session> read) throws Exception {
    sessionFactory.inTransaction(read);
    return redis.during(() -> sessionFactory.inTransaction(read));
  }

  private List<String> uncachedRead(Class<?> entity, Object id, Consumer<Session> read) throws Exception {
    sessionFactory.getCache().evictEntityData(entity, id);
    SecondNode.awaitNextMillisecond(); // a load in the eviction's own millisecond is not cached
    return redis.during(() -> sessionFactory.inTransaction(read));
  }

  /** The commands of changing an entity already in the session and committing. */
  private <T> List<String> update(Function<Session, T> load, Consumer<T> change) throws Exception {
    try (Session session = sessionFactory.openSession()) {
      Transaction transaction = session.beginTransaction();
      T entity = load.apply(session);
      return redis.during(() -> {
        change.accept(entity);
        transaction.commit();
      });
    }
  }
}
