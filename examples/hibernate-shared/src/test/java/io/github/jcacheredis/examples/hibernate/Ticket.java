package io.github.jcacheredis.examples.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

/**
 * An entity holding a class of the application's package: Hibernate caches the enum constant itself, so the
 * package must be listed in {@code jcacheredis.allowedPackages} before a ticket can be cached.
 */
@Entity
@Cacheable
public class Ticket {

  @Id
  private Long id;

  private String title;

  @Enumerated(EnumType.STRING)
  private Priority priority;

  protected Ticket() {
  }

  public Ticket(Long id, String title, Priority priority) {
    this.id = id;
    this.title = title;
    this.priority = priority;
  }

  public Long getId() {
    return id;
  }

  public Priority getPriority() {
    return priority;
  }

  /** How urgent a ticket is. */
  public enum Priority {
    LOW, HIGH
  }
}
