package io.github.jcacheredis.internal.storage;

/** When {@code put.lua} writes an entry: whatever is there, only where nothing is, or only over an entry. */
public enum WriteCondition {
  /** Write in any case ({@code put}, {@code getAndPut}). */
  ALWAYS("A"),
  /** Write only if the key is absent ({@code putIfAbsent}). */
  IF_ABSENT("N"),
  /** Write only if the key exists ({@code replace}). */
  IF_PRESENT("E");

  private final String script;

  WriteCondition(String script) {
    this.script = script;
  }

  /** @return the argument {@code put.lua} reads */
  String scriptArgument() {
    return script;
  }
}
