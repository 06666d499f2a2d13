package io.github.jcacheredis.examples.hibernate;

import org.hibernate.Session;

/** Natural-id lookups, written once for both Hibernate lines. */
final class NaturalIds {

  private NaturalIds() {
  }

  /**
   * Loads a book by its ISBN through the natural-id cache. Hibernate 7.3 deprecates {@code bySimpleNaturalId}
   * in favour of {@code find(Book.class, isbn, KeyType.NATURAL)}, which 6.6 does not have.
   */
  @SuppressWarnings("deprecation")
  static Book book(Session session, String isbn) {
    return session.bySimpleNaturalId(Book.class).load(isbn);
  }
}
