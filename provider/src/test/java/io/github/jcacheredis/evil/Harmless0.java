package io.github.jcacheredis.evil;

/** An innocent class whose encoded form the allow-list test rewrites to name {@link Detonator}. */
public class Harmless0 {
  public String payload = "data";
}
