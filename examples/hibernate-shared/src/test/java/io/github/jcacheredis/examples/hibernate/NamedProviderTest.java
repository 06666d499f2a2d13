package io.github.jcacheredis.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/** The same application with {@code hibernate.javax.cache.provider} naming jcache-redis's provider class. */
class NamedProviderTest {

  @Test
  void namingTheProviderWorksLikeDiscoveringIt() throws Exception {
    try (Backends backends = Backends.start();
        SessionFactory sessionFactory = Library.open(backends.jdbcUrl(), true, Library.PROVIDER)) {
      SampleData.insert(sessionFactory);

      Measured<String> first = Measured.inTransaction(sessionFactory,
          session -> session.find(Book.class, SampleData.DUNE).getTitle());
      Measured<String> second = Measured.inTransaction(sessionFactory,
          session -> session.find(Book.class, SampleData.DUNE).getTitle());

      assertEquals(1, first.statements());
      assertEquals("Dune", second.result());
      assertEquals(0, second.statements());
      assertEquals(1, second.cacheHits());
    }
  }
}
