package io.github.jcacheredis.benchmarks;

/**
 * The operations {@link Latency} times, each the same call its JMH benchmark makes
 * ({@link CacheOperations#getHit}, {@link CacheOperations#put}, {@link CacheOperations#getAll100},
 * {@link Invoke#increment}), on the 1 KB {@link Product}.
 */
enum LatencyOperation {

  /** get of a present key. */
  GET("get") {
    @Override
    void runOn(LatencyFixture fixture) {
      if (fixture.products().get(fixture.productKeys().anyPresent()) == null) {
        // Counted as a failed request: a fast miss must not pass for a fast hit.
        throw new IllegalStateException("a present key read as absent");
      }
    }
  },
  /** put over an existing entry. */
  PUT("put") {
    @Override
    void runOn(LatencyFixture fixture) {
      fixture.products().put(fixture.productKeys().anyPresent(), fixture.product());
    }
  },
  /** getAll of 100 distinct present keys. */
  GET_ALL("getAll") {
    @Override
    void runOn(LatencyFixture fixture) {
      fixture.products().getAll(fixture.productKeys().anyBatch());
    }
  },
  /** invoke of an entry processor adding one to a Long (raw Redisson: get, then compareAndSet). */
  INVOKE("invoke") {
    @Override
    void runOn(LatencyFixture fixture) {
      fixture.counters().increment(fixture.counterKeys().anyPresent());
    }
  };

  private final String label;

  LatencyOperation(String label) {
    this.label = label;
  }

  /** @return the name in settings and in the JSON output */
  String label() {
    return label;
  }

  /** Makes one request; whatever it throws counts as a failed request. */
  abstract void runOn(LatencyFixture fixture);

  /** @return the operation called {@code label} */
  static LatencyOperation named(String label) {
    for (LatencyOperation operation : values()) {
      if (operation.label.equals(label)) {
        return operation;
      }
    }
    throw new IllegalArgumentException("latency.operations: unknown operation '" + label
        + "', expected some of get, put, getAll, invoke");
  }
}
