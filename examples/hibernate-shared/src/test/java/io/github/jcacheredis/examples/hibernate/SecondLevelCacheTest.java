package io.github.jcacheredis.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.launcher.RespClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cache.spi.access.AccessType;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One node: entities, a collection, a natural id and a query, each read twice, the second time from Redis. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondLevelCacheTest {

  /** The region factory the nodes use: hibernate-jcache's; a subclass runs the same tests on another. */
  String regionFactory() {
    return Library.JCACHE;
  }


  private Backends backends;
  private SessionFactory sessionFactory;

  @BeforeAll
  void start() throws Exception {
    backends = Backends.start();
    sessionFactory = Library.open(backends.jdbcUrl(), true, null, regionFactory());
    SampleData.insert(sessionFactory);
  }

  @AfterAll
  void stop() {
    if (sessionFactory != null) {
      sessionFactory.close();
    }
    if (backends != null) {
      backends.close();
    }
  }

  @BeforeEach
  void restoreDataAndEmptyCache() {
    SampleData.restore(sessionFactory);
  }

  static Stream<Arguments> strategies() {
    return Stream.of(
        Arguments.of(AccessType.READ_ONLY, Country.class, SampleData.FRANCE, "countries"),
        Arguments.of(AccessType.NONSTRICT_READ_WRITE, Author.class, SampleData.HERBERT, "authors"),
        Arguments.of(AccessType.READ_WRITE, Book.class, SampleData.DUNE, "books"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void anEntityLoadedOnceIsThenReadFromTheCacheWithoutSql(AccessType strategy, Class<?> entity, Object id,
      String region) {
    assertEquals(strategy, ((SessionFactoryImplementor) sessionFactory).getMappingMetamodel()
        .getEntityDescriptor(entity).getCacheAccessStrategy().getAccessType());
    long regionHits = statistics().getDomainDataRegionStatistics(region).getHitCount();

    Measured<Object> first = Measured.inTransaction(sessionFactory, session -> session.find(entity, id));
    Measured<Object> second = Measured.inTransaction(sessionFactory, session -> session.find(entity, id));

    assertEquals(1, first.statements(), "the first read selects the row");
    assertEquals(0, first.cacheHits());
    assertEquals(0, second.statements(), "the second read sends no SQL");
    assertEquals(1, second.cacheHits());
    assertEquals(regionHits + 1, statistics().getDomainDataRegionStatistics(region).getHitCount());
  }

  @Test
  void anAuthorsBooksAreACachedCollection() {
    Measured<Integer> first = Measured.inTransaction(sessionFactory,
        session -> session.find(Author.class, SampleData.HERBERT).getBooks().size());
    Measured<Integer> second = Measured.inTransaction(sessionFactory,
        session -> session.find(Author.class, SampleData.HERBERT).getBooks().size());

    assertEquals(2, first.result());
    assertEquals(2, first.statements(), "the author, then the collection with its books");
    assertEquals(2, second.result());
    assertEquals(0, second.statements());
    assertEquals(4, second.cacheHits(), "the author, the collection of ids, and each of the two books");
    assertEquals(1, statistics().getCollectionStatistics(Author.class.getName() + ".books").getCacheHitCount());
  }

  @Test
  void aNaturalIdLookupIsCached() {
    long naturalIdHits = statistics().getNaturalIdCacheHitCount();

    Measured<String> first = Measured.inTransaction(sessionFactory,
        session -> NaturalIds.book(session, SampleData.DUNE_ISBN).getTitle());
    Measured<String> second = Measured.inTransaction(sessionFactory,
        session -> NaturalIds.book(session, SampleData.DUNE_ISBN).getTitle());

    assertEquals("Dune", first.result());
    assertTrue(first.statements() > 0);
    assertEquals("Dune", second.result());
    assertEquals(0, second.statements(), "the ISBN resolves to an id in book-isbns, the book comes from books");
    assertEquals(naturalIdHits + 1, statistics().getNaturalIdCacheHitCount());
  }

  @Test
  void aCachedQueryIsAnsweredWithoutSqlUntilItsTableChanges() {
    long queryHits = statistics().getQueryCacheHitCount();

    Measured<List<String>> first = Measured.inTransaction(sessionFactory, SecondLevelCacheTest::herbertsTitles);
    Measured<List<String>> second = Measured.inTransaction(sessionFactory, SecondLevelCacheTest::herbertsTitles);
    sessionFactory.inTransaction(session -> session.find(Book.class, SampleData.MESSIAH).setTitle("Messiah"));
    SecondNode.awaitNextMillisecond(); // timestamps of whole milliseconds: a read in the update's own one misses
    Measured<List<String>> afterUpdate = Measured.inTransaction(sessionFactory,
        SecondLevelCacheTest::herbertsTitles);

    assertEquals(List.of("Dune", "Dune Messiah"), first.result());
    assertEquals(1, first.statements());
    assertEquals(List.of("Dune", "Dune Messiah"), second.result());
    assertEquals(0, second.statements(), "ids from the query cache, books from the entity cache");
    assertEquals(queryHits + 1, statistics().getQueryCacheHitCount());
    assertEquals(List.of("Dune", "Messiah"), afterUpdate.result(), "the update timestamp invalidated the result");
    assertEquals(1, afterUpdate.statements());
  }

  private static List<String> herbertsTitles(Session session) {
    return Library.titlesOf(session, SampleData.HERBERT);
  }

  @Test
  void regionsCreatedOnDemandHaveTheFilesDefaultsAndTheTimestampsRegionItsOwnSettings() throws Exception {
    sessionFactory.inTransaction(session -> session.find(Book.class, SampleData.DUNE).setTitle("Dune!"));
    SecondNode.awaitNextMillisecond(); // timestamps of whole milliseconds: a read in the update's own one misses

    try (RespClient redis = RespClient.connect(backends.redisUrl())) {
      // The updated book; with jcache-redis also the other books' evictions, unlocked soft locks.
      List<byte[]> books = redis.keyBytes(backends.keyPrefix() + ":books:*");
      assertTrue(!books.isEmpty());
      for (byte[] book : books) {
        long ttl = redis.number("PTTL", book);
        assertTrue(ttl > 590_000 && ttl <= 600_000, "the defaults' 10 minute expiry, PTTL " + ttl);
      }
      List<byte[]> timestamps = redis.keyBytes(backends.keyPrefix() + ":default-update-timestamps-region:Book");
      assertEquals(1, timestamps.size(), "one timestamp key for the Book table");
      assertEquals(-1, redis.number("PTTL", timestamps.get(0)),
          "the Book table's timestamp: no expiry, as the file says for this region");
    }
  }

  /**
   * Hibernate's hit counts per region and those of the provider's standard statistics MXBeans, which count the
   * region's JCache {@code get}s that found an entry. A read-only workload: a READ_WRITE update also reads the
   * entry to lock it, which JCache counts and Hibernate does not. The natural-id region is the test below.
   */
  @Test
  void ourStatisticsBeansCountTheHitsHibernateCounts() throws Exception {
    List<String> regions = List.of("countries", "authors", "author-books", "books",
        "default-query-results-region");
    // Once first, to load what the reset evicted: jcache-redis's eviction leaves an unlocked soft lock in a
    // READ_WRITE region, which JCache counts as a hit when Hibernate reads it, and Hibernate as a miss.
    readAll();
    clearStatistics(regions);

    for (int i = 0; i < 3; i++) {
      readAll();
    }

    for (String region : regions) {
      long hibernate = statistics().getCacheRegionStatistics(region).getHitCount();
      assertTrue(hibernate > 0, region);
      assertEquals(hibernate, jmx().getAttribute(statisticsBean(region), "CacheHits"), region);
    }
  }

  /**
   * Loading an entity whose natural id is cached also looks up its natural-id entry, to avoid re-caching the
   * resolution: JCache counts that lookup as a hit of the region, Hibernate counts no natural-id hit.
   */
  @Test
  void loadingABookByIdLooksUpItsNaturalIdEntryWithoutCountingAHit() throws Exception {
    Measured.inTransaction(sessionFactory, session -> session.find(Book.class, SampleData.DUNE));
    clearStatistics(List.of("book-isbns"));

    Measured.inTransaction(sessionFactory, session -> session.find(Book.class, SampleData.DUNE));

    assertEquals(0, statistics().getCacheRegionStatistics("book-isbns").getHitCount());
    assertEquals(1L, jmx().getAttribute(statisticsBean("book-isbns"), "CacheHits"));
  }

  private void readAll() {
    sessionFactory.inTransaction(session -> {
      session.find(Country.class, SampleData.FRANCE);
      session.find(Author.class, SampleData.VERNE).getBooks().size();
      session.find(Book.class, SampleData.DUNE);
      herbertsTitles(session);
    });
  }

  private void clearStatistics(List<String> regions) throws Exception {
    statistics().clear();
    for (String region : regions) {
      jmx().invoke(statisticsBean(region), "clear", null, null);
    }
  }

  private static MBeanServer jmx() {
    return ManagementFactory.getPlatformMBeanServer();
  }

  /**
   * The standard bean's name: JSR-107 names the CacheManager by its URI, here the one Hibernate resolved
   * {@code classpath:hibernate-cache.yaml} to, with {@code , : =} and newlines replaced by dots.
   */
  private static ObjectName statisticsBean(String region) throws Exception {
    URI manager = Thread.currentThread().getContextClassLoader().getResource("hibernate-cache.yaml").toURI();
    return new ObjectName("javax.cache:type=CacheStatistics,CacheManager="
        + manager.toString().replaceAll("[,:=\n]", ".") + ",Cache=" + region);
  }

  private Statistics statistics() {
    return sessionFactory.getStatistics();
  }
}
