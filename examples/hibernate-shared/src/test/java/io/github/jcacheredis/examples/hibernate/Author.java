package io.github.jcacheredis.examples.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * Rarely edited data where a brief window of staleness after an edit is acceptable: NONSTRICT_READ_WRITE, which
 * evicts the entry on update instead of locking it. Its books are a cached collection (ids only).
 */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.NONSTRICT_READ_WRITE, region = "authors")
public class Author {

  @Id
  private Long id;

  private String name;

  @ManyToOne(fetch = FetchType.LAZY)
  private Country country;

  @OneToMany(mappedBy = "author")
  @Cache(usage = CacheConcurrencyStrategy.READ_WRITE, region = "author-books")
  private Set<Book> books = new LinkedHashSet<>();

  protected Author() {
  }

  public Author(Long id, String name, Country country) {
    this.id = id;
    this.name = name;
    this.country = country;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Country getCountry() {
    return country;
  }

  public Set<Book> getBooks() {
    return books;
  }
}
