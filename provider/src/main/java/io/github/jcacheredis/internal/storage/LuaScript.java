package io.github.jcacheredis.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Lua script kept as a {@code .lua} resource beside this class. Redisson sends it by SHA (EVALSHA) once the
 * server has seen it, so the text crosses the network only the first time.
 */
final class LuaScript {

  private final String name;
  private final String text;

  private LuaScript(String name, String text) {
    this.name = name;
    this.text = text;
  }

  static LuaScript load(String resource) {
    try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + resource);
      }
      return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script resource " + resource, e);
    }
  }

  String text() {
    return text;
  }

  @Override
  public String toString() {
    return name;
  }
}
