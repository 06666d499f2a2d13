package io.github.jcacheredis.evil;

/**
 * Like {@link Detonator}, with a name as long as {@link Harmless0}'s and a property of its own, so that the signing
 * test proves Kryo never saw its bytes whatever other tests loaded before it in this JVM.
 */
public class Unsigned1 {
  static {
    System.setProperty("jcacheredis.test.unsigned-detonated", "true");
  }

  public String payload = "data";
}
