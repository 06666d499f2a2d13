package io.github.jcacheredis.internal.storage;

/** What {@code compare_and_set.lua} does to an entry that still holds the expected bytes. */
public enum CasAction {
  /** Store the new bytes with the given lifetime. */
  SET("S"),
  /** Delete the entry. */
  DELETE("D"),
  /** Only give the entry the given lifetime (an access under a policy that renews it). */
  TOUCH("T");

  private final String script;

  CasAction(String script) {
    this.script = script;
  }

  /** @return the argument {@code compare_and_set.lua} reads */
  String scriptArgument() {
    return script;
  }
}
