package io.github.jcacheredis.examples.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * An entity whose state is JDK types only, cached with Hibernate's defaults (READ_WRITE, the region named after
 * the class): what jcache-redis stores for it is Hibernate's own cache classes around a {@code Long} and a
 * {@code String}, which need no setting.
 */
@Entity
@Cacheable
public class Note {

  @Id
  private Long id;

  private String title;

  protected Note() {
  }

  public Note(Long id, String title) {
    this.id = id;
    this.title = title;
  }

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }
}
