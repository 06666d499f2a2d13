package io.github.jcacheredis.examples.spring;

import io.github.jcacheredis.launcher.RedisInspector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of the application in a JVM of its own, for {@link SingleFlightAcrossInstancesTest}: eight threads
 * call Spring's {@code Cache.get(key, valueLoader)} on one missing key at once; the value loader takes 300 ms and
 * counts its calls in Redis. The exit code says whether every thread got the loaded value.
 *
 * <p>Arguments: the Redis URL, the key, the Redis key counting loads.
 */
public final class LoadingInstance {

  private LoadingInstance() {
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String key = args[1];
    String loads = args[2];
    int exitCode = 0;
    try (ConfigurableApplicationContext application = new SpringApplicationBuilder(CatalogueApplication.class)
        .web(WebApplicationType.NONE).properties("spring.data.redis.url=" + url).run();
        RedisInspector redis = new RedisInspector(url)) {
      Cache cache = application.getBean(CacheManager.class).getCache(ProductCatalogue.CACHE);
      redis.call("INCR", loads + ":ready");
      while (!redis.exists(loads + ":go")) {
        Thread.sleep(2);
      }
      ExecutorService threads = Executors.newFixedThreadPool(8);
      List<Future<Object>> readers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        readers.add(threads.submit(() -> cache.get(key, () -> {
          try (RedisInspector counter = new RedisInspector(url)) {
            counter.call("INCR", loads);
          }
          Thread.sleep(300);
          return "loaded:" + key;
        })));
      }
      for (Future<Object> reader : readers) {
        Object value = reader.get();
        if (!("loaded:" + key).equals(value)) {
          System.err.println("a reader got " + value);
          exitCode = 1;
        }
      }
      threads.shutdownNow();
    } catch (Exception e) {
      e.printStackTrace();
      exitCode = 1;
    }
    System.exit(exitCode);
  }
}
