package io.github.jcacheredis.examples.hibernate;

import org.hibernate.SessionFactory;

/** The rows every test starts from: two countries, two authors, three books. */
final class SampleData {

  static final String FRANCE = "FR";
  static final long HERBERT = 1L;
  static final String HERBERT_NAME = "Frank Herbert";
  static final long VERNE = 2L;
  static final String VERNE_NAME = "Jules Verne";
  static final long DUNE = 10L;
  static final String DUNE_TITLE = "Dune";
  static final String DUNE_ISBN = "978-0441013593";
  static final long MESSIAH = 11L;
  static final String MESSIAH_TITLE = "Dune Messiah";
  static final long NAUTILUS = 20L;
  static final String NAUTILUS_TITLE = "Twenty Thousand Leagues Under the Seas";
  static final String NAUTILUS_ISBN = "978-0140394467";

  private SampleData() {
  }

  static void insert(SessionFactory sessionFactory) {
    sessionFactory.inTransaction(session -> {
      Country usa = new Country("US", "United States", Country.Continent.AMERICA);
      Country france = new Country(FRANCE, "France", Country.Continent.EUROPE);
      Author herbert = new Author(HERBERT, HERBERT_NAME, usa);
      Author verne = new Author(VERNE, VERNE_NAME, france);
      session.persist(usa);
      session.persist(france);
      session.persist(herbert);
      session.persist(verne);
      session.persist(new Book(DUNE, DUNE_ISBN, DUNE_TITLE, herbert));
      session.persist(new Book(MESSIAH, "978-0593098233", MESSIAH_TITLE, herbert));
      session.persist(new Book(NAUTILUS, NAUTILUS_ISBN, NAUTILUS_TITLE, verne));
    });
    sessionFactory.getCache().evictAllRegions();
    SecondNode.awaitNextMillisecond(); // a load in the eviction's own millisecond is not cached
  }

  /** Gives the names and titles tests change their inserted values back, and empties the cache. */
  static void restore(SessionFactory sessionFactory) {
    sessionFactory.inTransaction(session -> {
      session.find(Author.class, HERBERT).setName(HERBERT_NAME);
      session.find(Author.class, VERNE).setName(VERNE_NAME);
      session.find(Book.class, DUNE).setTitle(DUNE_TITLE);
      session.find(Book.class, MESSIAH).setTitle(MESSIAH_TITLE);
      session.find(Book.class, NAUTILUS).setTitle(NAUTILUS_TITLE);
    });
    sessionFactory.getCache().evictAllRegions();
    SecondNode.awaitNextMillisecond(); // a load in the eviction's own millisecond is not cached
  }
}
