package io.github.jcacheredis.fidelity;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.Stack;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.Vector;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The values an application commonly caches, each named, for {@link FidelityTest}. */
final class Values {

  enum Planet {
    MERCURY, VENUS { @Override public String toString() { return "morning star"; } }, EARTH
  }

  sealed interface Shape permits Circle, Square {
  }

  record Circle(double radius) implements Shape {
  }

  record Square(double side) implements Shape {
  }

  record Order(String id, List<String> lines, Map<String, BigDecimal> prices, Optional<Instant> shipped) {
  }

  /** A graph with a cycle and a shared reference; equal when its shape and names are. */
  static final class Node {
    String name;
    Node next;
    Node shared;

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Node)) {
        return false;
      }
      Node that = (Node) other;
      return name.equals(that.name) && next.name.equals(that.next.name) && next.next == this
          && that.next.next == that && shared == next.shared && that.shared == that.next.shared
          && shared.name.equals(that.shared.name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }

  /** A class without equals: its copies are never equal, yet it must be storable inside anything. */
  static final class Plain {
    String name;

    Plain(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return "Plain(" + name + ")";
    }
  }

  record Basket(String owner, List<Plain> items) {
  }

  /** A map with a field of its own, which a container serializer does not write. */
  static final class Attributes extends HashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    String owner = "someone";
  }

  /** Values holding objects without equals, compared by what they print. */
  static Map<String, Object> faithfulWithoutEquals() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("ArrayList of objects without equals", new ArrayList<>(List.of(new Plain("a"), new Plain("b"))));
    values.put("record holding objects without equals", new Basket("me", List.of(new Plain("x"))));
    values.put("HashMap to objects without equals", new HashMap<>(Map.of("k", new Plain("v"))));
    values.put("TreeMap to objects without equals", new TreeMap<>(Map.of("k", new Plain("v"))));
    Set<String> roomy = new HashSet<>(4096);
    roomy.addAll(List.of("q", "w", "e", "r", "t", "y"));
    values.put("HashSet of a large capacity", roomy);
    return values;
  }

  /** A value holding something that cannot be stored: a lock. */
  static final class Guarded {
    final ReentrantLock lock = new ReentrantLock();
    String data = "x";
  }

  private Values() {
  }

  static Map<String, Object> faithful() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("String", "héllo");
    values.put("Integer", 42);
    values.put("Long", Long.MIN_VALUE);
    values.put("Double NaN", Double.NaN);
    values.put("BigDecimal scale", new BigDecimal("1.2300"));
    values.put("BigInteger", new BigInteger("123456789012345678901234567890"));
    values.put("UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    values.put("URI", URI.create("https://example.com/a?b=c#d"));
    values.put("Pattern-less Locale", Locale.CANADA_FRENCH);
    values.put("Instant", Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
    values.put("LocalDate", LocalDate.of(2026, 12, 2));
    values.put("LocalDateTime", LocalDateTime.of(2026, 12, 2, 10, 39, 1, 5));
    values.put("LocalTime", LocalTime.of(23, 59, 59, 999_999_999));
    values.put("Duration", Duration.ofNanos(1_234_567_890_123L));
    values.put("Period", Period.of(1, 2, 3));
    values.put("OffsetDateTime", OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5)));
    // 02:30 on 2026-10-25 happens twice in Paris; this is the second one (UTC+1).
    values.put("ZonedDateTime in the repeated hour", ZonedDateTime.ofLocal(LocalDateTime.of(2026, 10, 25, 2, 30),
        ZoneId.of("Europe/Paris"), ZoneOffset.ofHours(1)));
    Timestamp timestamp = new Timestamp(1_700_000_000_123L);
    timestamp.setNanos(123_456_789);
    values.put("Timestamp nanos", timestamp);
    values.put("java.sql.Date", java.sql.Date.valueOf("2026-12-02"));
    values.put("java.util.Date", new java.util.Date(1_700_000_000_123L));
    values.put("Optional", Optional.of("present"));
    values.put("Optional empty", Optional.empty());
    values.put("OptionalInt", OptionalInt.of(7));
    values.put("enum", TimeUnit.SECONDS);
    values.put("enum with body", Planet.VENUS);
    values.put("EnumSet", EnumSet.of(Planet.MERCURY, Planet.EARTH));
    values.put("EnumSet empty", EnumSet.noneOf(Planet.class));
    EnumMap<Planet, String> enumMap = new EnumMap<>(Planet.class);
    enumMap.put(Planet.EARTH, "home");
    values.put("EnumMap", enumMap);
    values.put("EnumMap empty", new EnumMap<Planet, String>(Planet.class));
    values.put("record", new Order("o-1", List.of("a", "b"), Map.of("a", new BigDecimal("9.90")),
        Optional.of(Instant.EPOCH)));
    values.put("sealed record", new Circle(2.5));
    values.put("int[]", new int[] {1, 2, 3});
    values.put("String[]", new String[] {"a", null, "c"});
    values.put("Object[][]", new Object[][] {{1, "x"}, {2.0}});
    values.put("ArrayList", new ArrayList<>(List.of(1, 2, 3)));
    values.put("LinkedList", new LinkedList<>(List.of("x", "y")));
    values.put("ArrayDeque", new ArrayDeque<>(List.of(3, 1, 2)));
    values.put("Vector", new Vector<>(List.of(1)));
    values.put("Stack", stack());
    values.put("CopyOnWriteArrayList", new CopyOnWriteArrayList<>(List.of("c")));
    values.put("ConcurrentLinkedQueue", new ConcurrentLinkedQueue<>(List.of(5, 6)));
    values.put("HashSet", new HashSet<>(List.of("a", "b", "c")));
    values.put("LinkedHashSet", new LinkedHashSet<>(List.of("z", "a", "m")));
    values.put("TreeSet", new TreeSet<>(List.of(3, 1, 2)));
    TreeSet<String> reversed = new TreeSet<>(Collections.reverseOrder());
    reversed.addAll(List.of("a", "c", "b"));
    values.put("TreeSet reverseOrder", reversed);
    TreeSet<String> caseless = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    caseless.addAll(List.of("b", "A", "c"));
    values.put("TreeSet CASE_INSENSITIVE_ORDER", caseless);
    ConcurrentSkipListSet<Integer> skipSet = new ConcurrentSkipListSet<>(Collections.reverseOrder());
    skipSet.addAll(List.of(1, 3, 2));
    values.put("ConcurrentSkipListSet reverseOrder", skipSet);
    PriorityQueue<Integer> queue = new PriorityQueue<>(Comparator.reverseOrder());
    queue.addAll(List.of(5, 1, 9, 3));
    values.put("PriorityQueue reverseOrder", queue);
    PriorityBlockingQueue<Integer> blocking = new PriorityBlockingQueue<>(4, Collections.reverseOrder());
    blocking.addAll(List.of(5, 1, 9, 3));
    values.put("PriorityBlockingQueue reverseOrder", blocking);
    values.put("ArrayBlockingQueue", new ArrayBlockingQueue<>(10, false, List.of(1, 2)));
    values.put("LinkedBlockingQueue bounded", new LinkedBlockingQueue<>(List.of(1)));
    values.put("HashMap", new HashMap<>(Map.of("a", 1, "b", 2)));
    LinkedHashMap<String, Integer> lru = new LinkedHashMap<>(16, 0.75f, true);
    lru.put("a", 1);
    lru.put("b", 2);
    lru.put("c", 3);
    lru.get("a");
    values.put("LinkedHashMap access order", lru);
    values.put("TreeMap", new TreeMap<>(Map.of(2, "b", 1, "a")));
    TreeMap<String, Integer> reverseMap = new TreeMap<>(Collections.reverseOrder());
    reverseMap.putAll(Map.of("a", 1, "b", 2));
    values.put("TreeMap reverseOrder", reverseMap);
    values.put("ConcurrentSkipListMap", new ConcurrentSkipListMap<>(Map.of("k", 1)));
    values.put("ConcurrentHashMap", new ConcurrentHashMap<>(Map.of("k", 1)));
    values.put("Hashtable", new Hashtable<>(Map.of("k", 1)));
    values.put("IdentityHashMap empty", new IdentityHashMap<>());
    values.put("List.of", List.of(1, 2, 3));
    values.put("Set.of", Set.of("only"));
    values.put("Map.of", Map.of("k", "v", "k2", "v2"));
    values.put("Stream.toList with null", Stream.of("a", null).toList());
    values.put("Arrays.asList", Arrays.asList("a", "b"));
    values.put("Collections.emptyList", Collections.emptyList());
    values.put("Collections.emptyMap", Collections.emptyMap());
    values.put("Collections.emptySortedSet", Collections.emptySortedSet());
    values.put("Collections.singletonList", Collections.singletonList("one"));
    values.put("Collections.singletonMap", Collections.singletonMap("k", "v"));
    values.put("Collections.nCopies", Collections.nCopies(3, "n"));
    values.put("unmodifiableList", Collections.unmodifiableList(new ArrayList<>(List.of(1, 2))));
    values.put("unmodifiableList of LinkedList", Collections.unmodifiableList(new LinkedList<>(List.of(1))));
    values.put("unmodifiableSet", Collections.unmodifiableSet(new HashSet<>(List.of(1, 2))));
    values.put("unmodifiableMap", Collections.unmodifiableMap(new HashMap<>(Map.of("a", 1))));
    values.put("unmodifiableSortedSet", Collections.unmodifiableSortedSet(reversed));
    values.put("unmodifiableCollection", Collections.unmodifiableCollection(new ArrayList<>(List.of(1))));
    values.put("synchronizedList", Collections.synchronizedList(new ArrayList<>(List.of(1, 2))));
    values.put("synchronizedMap", Collections.synchronizedMap(new HashMap<>(Map.of("a", 1))));
    values.put("checkedList", Collections.checkedList(new ArrayList<>(List.of("a")), String.class));
    values.put("checkedMap", Collections.checkedMap(new HashMap<>(Map.of("a", 1)), String.class, Integer.class));
    values.put("ArrayList.subList", new ArrayList<>(List.of(1, 2, 3, 4)).subList(1, 3));
    values.put("Map.entry", Map.entry("k", 1));
    values.put("SimpleEntry", new AbstractMap.SimpleEntry<>("k", 1));
    values.put("HashMap.keySet", new HashMap<>(Map.of("a", 1, "b", 2)).keySet());
    values.put("HashMap.entrySet", new HashMap<>(Map.of("a", 1)).entrySet());
    values.put("ConcurrentHashMap.newKeySet", newKeySet());
    values.put("HashMap.values", new HashMap<>(Map.of("a", 1, "b", 2)).values());
    values.put("LinkedHashMap.values", lru.values());
    values.put("TreeMap.keySet", new TreeMap<>(Map.of(2, "b", 1, "a")).keySet());
    values.put("ConcurrentHashMap.keySet", new ConcurrentHashMap<>(Map.of("k", 1)).keySet());
    values.put("newSetFromMap", newSetFromMap());
    values.put("synchronizedSet", Collections.synchronizedSet(new LinkedHashSet<>(List.of("s", "t"))));
    values.put("synchronizedSortedMap", Collections.synchronizedSortedMap(reverseMap));
    values.put("checkedSet", Collections.checkedSet(new HashSet<>(List.of(1)), Integer.class));
    values.put("unmodifiableNavigableMap", Collections.unmodifiableNavigableMap(reverseMap));
    values.put("Collections.emptySet", Collections.emptySet());
    values.put("Collections.emptyNavigableMap", Collections.emptyNavigableMap());
    values.put("Collections.singleton", Collections.singleton(1));
    values.put("LinkedList.subList", new LinkedList<>(List.of(1, 2, 3)).subList(0, 2));
    values.put("EnumSet.allOf", EnumSet.allOf(Planet.class));
    TreeSet<String> nullsFirst = new TreeSet<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
    nullsFirst.addAll(Arrays.asList("b", null, "a"));
    values.put("TreeSet nullsFirst", nullsFirst);
    TreeSet<String> reverseOfReverse = new TreeSet<>(Collections.reverseOrder(String.CASE_INSENSITIVE_ORDER));
    reverseOfReverse.addAll(List.of("a", "B", "c"));
    values.put("TreeSet reverseOrder(cmp)", reverseOfReverse);
    values.put("AbstractMap.SimpleImmutableEntry", new AbstractMap.SimpleImmutableEntry<>("k", "v"));
    values.put("AtomicLong", new AtomicLong(7));
    values.put("AtomicInteger", new AtomicInteger(8));
    values.put("AtomicBoolean", new AtomicBoolean(true));
    values.put("AtomicReference", new AtomicReference<>("ref"));
    LongAdder adder = new LongAdder();
    adder.add(40);
    values.put("LongAdder", adder);
    BitSet bits = new BitSet();
    bits.set(3);
    bits.set(100);
    values.put("BitSet", bits);
    values.put("StringBuilder", new StringBuilder("sb"));
    values.put("Pattern", Pattern.compile("a+b", Pattern.CASE_INSENSITIVE));
    values.put("cycle and shared reference", cycle());
    values.put("Guava ImmutableList", ImmutableList.of(1, 2, 3));
    values.put("Guava ImmutableSet", ImmutableSet.of("b", "a"));
    values.put("Guava ImmutableMap", ImmutableMap.of("a", 1, "b", 2));
    values.put("Guava ImmutableSortedSet", ImmutableSortedSet.of(3, 1, 2));
    values.put("Guava ImmutableSortedMap reverse", ImmutableSortedMap.orderedBy(Comparator.<String>reverseOrder())
        .put("a", 1).put("b", 2).build());
    return values;
  }

  static Map<String, Object> refused() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("a lock inside a value", new Guarded());
    values.put("a Thread", new Thread(() -> { }));
    values.put("a lambda comparator", lambdaSorted());
    values.put("a ReentrantLock", new ReentrantLock());
    Attributes attributes = new Attributes();
    attributes.owner = "set after construction";
    values.put("a map subclass with a field of its own", attributes);
    return values;
  }

  private static Stack<Integer> stack() {
    Stack<Integer> stack = new Stack<>();
    stack.push(1);
    stack.push(2);
    return stack;
  }

  private static Set<String> newSetFromMap() {
    Set<String> set = Collections.newSetFromMap(new ConcurrentHashMap<>());
    set.add("m");
    return set;
  }

  private static Set<String> newKeySet() {
    Set<String> set = ConcurrentHashMap.newKeySet();
    set.add("k");
    return set;
  }

  private static TreeSet<String> lambdaSorted() {
    TreeSet<String> set = new TreeSet<>(Comparator.comparing(String::length));
    set.add("abc");
    return set;
  }

  private static Node cycle() {
    Node a = new Node();
    Node b = new Node();
    Node shared = new Node();
    shared.name = "shared";
    a.name = "a";
    b.name = "b";
    a.next = b;
    b.next = a;
    a.shared = shared;
    b.shared = shared;
    return a;
  }
}
