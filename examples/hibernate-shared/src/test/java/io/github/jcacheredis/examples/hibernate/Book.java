package io.github.jcacheredis.examples.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.NaturalIdCache;

/**
 * Data edited while others read it: READ_WRITE, which soft-locks the entry during an update so no reader ever
 * sees an uncommitted or outdated book. Looked up by id and by its natural id, the ISBN.
 */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE, region = "books")
@NaturalIdCache(region = "book-isbns")
public class Book {

  @Id
  private Long id;

  @NaturalId
  private String isbn;

  private String title;

  @Version
  private int version;

  @ManyToOne(fetch = FetchType.LAZY)
  private Author author;

  protected Book() {
  }

  public Book(Long id, String isbn, String title, Author author) {
    this.id = id;
    this.isbn = isbn;
    this.title = title;
    this.author = author;
    author.getBooks().add(this);
  }

  public Long getId() {
    return id;
  }

  public String getIsbn() {
    return isbn;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  /** @return the version Hibernate checks and increments at each update */
  public int getVersion() {
    return version;
  }

  public Author getAuthor() {
    return author;
  }
}
