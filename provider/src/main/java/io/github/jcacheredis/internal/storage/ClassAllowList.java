package io.github.jcacheredis.internal.storage;

import io.github.jcacheredis.internal.storage.kryo.GuavaAllowList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes Kryo may name in bytes it reads from Redis. Redis is shared state that other programs (or an
 * attacker with access to it) can write, and deserializing a class runs code of that class, so a class outside
 * this list is never even loaded: the value reads as corrupt. The same list refuses to write such a class, so
 * a missing entry shows at the first put rather than as unexplained misses.
 *
 * <p>Allowed: the JDK's value types and collections ({@code java.lang} boxes and strings, the classes directly
 * in {@code java.util}, {@code java.util.concurrent} and its {@code atomic} package, {@code java.time} and
 * {@code java.math}, {@code java.sql} dates and times, {@code java.net.URI}, {@code java.util.regex.Pattern}),
 * Guava's immutable collections when Guava is present, the exact classes Hibernate's second-level cache and
 * Spring's cache abstraction store themselves ({@link FrameworkClasses}, never their packages), arrays of
 * allowed types (and of {@code Object}, {@code Number}, {@code Serializable}), the packages the user
 * configures, and for each cache's declared key and value types: the type's package when it is the
 * application's, the type alone when it belongs to the JDK (declaring {@code String} must not allow
 * {@code java.lang.reflect}). {@code *} allows everything.
 *
 * <p>Nothing read from Redis ever adds to this list: it grows only by what the application declares.
 */
public final class ClassAllowList {

  // java.io.Serializable, like Object and Number, is only ever named as the declared type of an array whose
  // elements Kryo checks one by one; it is an interface, so nothing of it is instantiated. Hibernate's
  // second-level cache entries hold an entity's state as a Serializable[].
  private static final Set<String> JDK_CLASSES = Set.of("java.lang.String", "java.lang.Boolean", "java.lang.Byte",
      "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
      "java.lang.Character", "java.lang.Object", "java.lang.Number", "java.lang.StringBuilder",
      "java.lang.StringBuffer", "java.lang.Enum", "java.lang.Record", "java.io.Serializable", "java.net.URI",
      "java.sql.Date", "java.sql.Time", "java.sql.Timestamp", "java.util.regex.Pattern",
      "java.lang.String$CaseInsensitiveComparator",
      // What TimeZone.getTimeZone returns; Kryo rebuilds it from its ID, never from its fields.
      "sun.util.calendar.ZoneInfo");
  // Classes directly in these packages (not in sub-packages such as java.util.logging or java.util.stream).
  private static final List<String> JDK_PACKAGES = List.of("java.util.", "java.util.concurrent.",
      "java.util.concurrent.atomic.", "java.time.", "java.math.");
  private static final List<String> JDK_ROOTS = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
  // Types under the allowed JDK packages that serve no cache value and are known deserialization gadgets.
  private static final Set<String> JDK_EXCEPTIONS = Set.of("java.util.ServiceLoader", "java.util.Timer");

  // Every value written or read asks about each class it names: the answers are remembered (per name, for as
  // long as the list does not grow) instead of taking the name apart each time. Bounded, as the names come
  // from bytes read from Redis too.
  private static final int MAX_DECISIONS = 4096;

  private final boolean allowAll;
  private volatile Set<String> packages;
  private volatile Set<String> classes = Set.of();
  private volatile ConcurrentHashMap<String, Boolean> decisions = new ConcurrentHashMap<>();

  /**
   * @param configuredPackages package names (or {@code *}) the user allows
   */
  public ClassAllowList(List<String> configuredPackages) {
    Set<String> initial = new LinkedHashSet<>();
    boolean all = false;
    for (String name : configuredPackages) {
      String trimmed = name.trim();
      if (trimmed.equals("*")) {
        all = true;
      } else if (!trimmed.isEmpty()) {
        initial.add(trimmed.endsWith(".") ? trimmed : trimmed + ".");
      }
    }
    this.allowAll = all;
    this.packages = Set.copyOf(initial);
  }

  /**
   * Allows what a cache's declared type needs: the package of an application class (a user class stored in a
   * cache is usually accompanied by classes of its own package), or just the class itself when it belongs to the
   * JDK, whose packages hold classes no cache should ever instantiate from bytes.
   *
   * @param type a declared key or value type
   */
  public synchronized void allowPackageOf(Class<?> type) {
    Class<?> component = type;
    while (component.isArray()) {
      component = component.getComponentType();
    }
    if (component.isPrimitive() || component == Object.class) {
      return;
    }
    if (isJdk(component.getName()) || component.getPackageName().isEmpty()) {
      if (!classes.contains(component.getName())) {
        Set<String> grown = new LinkedHashSet<>(classes);
        grown.add(component.getName());
        classes = Set.copyOf(grown);
        decisions = new ConcurrentHashMap<>(); // after the set it was decided on: see allows()
      }
      return;
    }
    String name = component.getPackageName() + ".";
    if (!packages.contains(name)) {
      Set<String> grown = new LinkedHashSet<>(packages);
      grown.add(name);
      packages = Set.copyOf(grown);
      decisions = new ConcurrentHashMap<>();
    }
  }

  /**
   * @param className a binary class name, as Kryo writes it (arrays as {@code [L...;} or {@code [I})
   * @return whether it may be loaded
   */
  public boolean allows(String className) {
    if (allowAll) {
      return true;
    }
    // Read before the sets: a decision made on sets that have grown since lands in a map no longer used.
    ConcurrentHashMap<String, Boolean> known = decisions;
    Boolean decided = known.get(className);
    if (decided != null) {
      return decided;
    }
    boolean allowed = decide(className);
    if (known.size() < MAX_DECISIONS) {
      known.put(className, allowed);
    }
    return allowed;
  }

  private boolean decide(String className) {
    String name = className;
    while (name.startsWith("[")) {
      name = name.substring(1);
    }
    if (name.length() == 1) {
      return true; // a primitive array
    }
    if (name.startsWith("L") && name.endsWith(";")) {
      name = name.substring(1, name.length() - 1);
    }
    if (JDK_CLASSES.contains(name) || classes.contains(name) || GuavaAllowList.allows(name)
        || FrameworkClasses.allows(name)) {
      return true;
    }
    String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
    if (JDK_EXCEPTIONS.contains(outer)) {
      return false;
    }
    for (String prefix : JDK_PACKAGES) {
      if (name.startsWith(prefix) && name.indexOf('.', prefix.length()) < 0) {
        return true;
      }
    }
    for (String prefix : packages) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJdk(String className) {
    for (String root : JDK_ROOTS) {
      if (className.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  /** @return the configured and declared packages, for error messages */
  public Set<String> packages() {
    return packages;
  }
}
