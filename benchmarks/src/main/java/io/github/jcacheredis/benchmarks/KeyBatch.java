package io.github.jcacheredis.benchmarks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * 100 distinct keys (and a value for each), prepared before measuring so that getAll and putAll measure the
 * cache, not the building of their arguments. The same keys come as an array (raw Redisson's MGET), a set
 * (JSR-107 getAll) and a map (putAll).
 *
 * @param <V> value type
 */
final class KeyBatch<V> {

  private final String[] keys;
  private final Set<String> keySet;
  private final Map<String, V> entries;

  KeyBatch(String[] keys, V value) {
    this.keys = keys.clone();
    Set<String> set = new LinkedHashSet<>();
    Map<String, V> map = new LinkedHashMap<>();
    for (String key : keys) {
      set.add(key);
      map.put(key, value);
    }
    this.keySet = Collections.unmodifiableSet(set);
    this.entries = Collections.unmodifiableMap(map);
  }

  /** @return the keys; callers must not modify the array */
  String[] keys() {
    return keys;
  }

  /** @return the keys as an unmodifiable set */
  Set<String> keySet() {
    return keySet;
  }

  /** @return every key with the batch's value, unmodifiable */
  Map<String, V> entries() {
    return entries;
  }
}
