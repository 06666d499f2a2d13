package io.github.jcacheredis.evil;

/** A class with a side effect in its static initializer: if it ever loads, the system property says so. */
public class Detonator {
  static {
    System.setProperty("jcacheredis.test.detonated", "true");
  }

  public String payload = "data";
}
