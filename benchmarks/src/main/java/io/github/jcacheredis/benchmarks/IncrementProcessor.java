package io.github.jcacheredis.benchmarks;

import java.io.Serializable;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/** Adds one to a {@code Long} entry (an absent entry counts as 0) and answers the new value. */
final class IncrementProcessor implements EntryProcessor<String, Long, Long>, Serializable {

  static final IncrementProcessor INSTANCE = new IncrementProcessor();
  private static final long serialVersionUID = 1L;

  @Override
  public Long process(MutableEntry<String, Long> entry, Object... arguments) {
    Long current = entry.getValue();
    long next = (current == null ? 0L : current) + 1;
    entry.setValue(next);
    return next;
  }
}
