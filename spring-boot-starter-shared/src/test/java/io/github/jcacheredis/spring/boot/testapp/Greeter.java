package io.github.jcacheredis.spring.boot.testapp;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Greets by name, cached in {@value #CACHE}, a cache nothing declares; counts the calls that reach it. */
@Service
public class Greeter {

  /** The cache's name, declared nowhere. */
  public static final String CACHE = "x";

  private final AtomicInteger calls = new AtomicInteger();

  /**
   * @param name whom to greet, the cache key
   * @return the greeting
   */
  @Cacheable(CACHE)
  public Greeting greet(String name) {
    calls.incrementAndGet();
    return new Greeting("Hello, " + name);
  }

  /** @return how many calls ran the method rather than being served by the cache */
  public int calls() {
    return calls.get();
  }
}
