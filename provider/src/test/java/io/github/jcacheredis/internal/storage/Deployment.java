package io.github.jcacheredis.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * One deployment of an application's classes: sources compiled at test time into their own folder and loaded by
 * their own class loader, so two versions of the same class name can meet the same Redis bytes in one test.
 */
final class Deployment {

  private final Path classes;
  private final ClassLoader loader;

  private Deployment(Path classes) {
    this.classes = classes;
    this.loader = newLoader(classes);
  }

  /**
   * Compiles sources into {@code folder}.
   *
   * @param folder  an empty folder for the sources and classes
   * @param sources class name to Java source, e.g. {@code "sample.Point" -> "package sample; ..."}
   * @return the deployment, its classes loaded by a fresh class loader
   */
  static Deployment compile(Path folder, Map<String, String> sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests need a JDK, not a JRE");
    try {
      Path sourceRoot = Files.createDirectories(folder.resolve("src"));
      Path classes = Files.createDirectories(folder.resolve("classes"));
      List<String> arguments = new ArrayList<>(List.of("-d", classes.toString()));
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = sourceRoot.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        arguments.add(file.toString());
      }
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int status = javac.run(null, null, new PrintStream(errors, true, StandardCharsets.UTF_8),
          arguments.toArray(String[]::new));
      assertEquals(0, status, () -> errors.toString(StandardCharsets.UTF_8));
      return new Deployment(classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the same compiled classes loaded by another class loader, as a second JVM would load them */
  Deployment inAnotherJvm() {
    return new Deployment(classes);
  }

  /** @return the class loader holding this deployment's classes */
  ClassLoader loader() {
    return loader;
  }

  /** @return an instance of {@code className} made by its only public constructor */
  Object newInstance(String className, Object... arguments) {
    try {
      return loader.loadClass(className).getConstructors()[0].newInstance(arguments);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** @return the enum constant {@code name} of {@code enumName} */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Object enumConstant(String enumName, String name) {
    try {
      return Enum.valueOf((Class) loader.loadClass(enumName), name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** @return the value of an instance field, whichever deployment the object comes from */
  static Object field(Object object, String name) {
    try {
      Field field = object.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return field.get(object);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static ClassLoader newLoader(Path classes) {
    try {
      return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Deployment.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new AssertionError(e);
    }
  }
}
