package io.github.jcacheredis.examples.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.annotations.Immutable;

/** Reference data that never changes: cached READ_ONLY, the cheapest strategy. */
@Entity
@Immutable
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_ONLY, region = "countries")
public class Country {

  @Id
  private String isoCode;

  private String name;

  // Cached as the enum constant itself, which is why hibernate-cache.yaml allows this package.
  @Enumerated(EnumType.STRING)
  private Continent continent;

  protected Country() {
  }

  public Country(String isoCode, String name, Continent continent) {
    this.isoCode = isoCode;
    this.name = name;
    this.continent = continent;
  }

  public String getIsoCode() {
    return isoCode;
  }

  public String getName() {
    return name;
  }

  public Continent getContinent() {
    return continent;
  }

  /** Where a country is. */
  public enum Continent {
    AFRICA, AMERICA, ASIA, EUROPE, OCEANIA
  }
}
