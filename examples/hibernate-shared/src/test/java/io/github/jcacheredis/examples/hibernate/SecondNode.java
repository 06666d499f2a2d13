package io.github.jcacheredis.examples.hibernate;

import io.github.jcacheredis.launcher.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * A second application node: a JVM of its own, with its own SessionFactory on the same database and the same
 * Redis. The test drives it through its standard input and output, one command and one answer per line;
 * everything it logs goes to standard error.
 */
final class SecondNode implements AutoCloseable {

  private static final long ANSWER_TIMEOUT_SECONDS = 60;
  private static final String LIBRARY = "library";
  private static final String ZERO_CONFIGURATION = "zero-configuration";

  private final ChildJvm jvm;
  private final PrintWriter commands;
  private final BufferedReader answers;

  private SecondNode(ChildJvm jvm) {
    this.jvm = jvm;
    this.commands = jvm.stdin();
    this.answers = jvm.stdout();
  }

  /**
   * Starts a node of the example application ({@link Library}) on hibernate-jcache's region factory and waits until
   * its SessionFactory is built.
   */
  static SecondNode start(Backends backends) throws IOException {
    return start(backends, LIBRARY, Library.JCACHE);
  }

  /**
   * Starts a node of the example application ({@link Library}) and waits until its SessionFactory is built.
   *
   * @param regionFactory {@link Library#JCACHE} or {@link Library#JCACHE_REDIS}
   */
  static SecondNode start(Backends backends, String regionFactory) throws IOException {
    return start(backends, LIBRARY, regionFactory);
  }

  /**
   * Starts a node of the application without cache configuration ({@link ZeroConfiguration}) and waits until its
   * SessionFactory is built.
   */
  static SecondNode startWithoutConfiguration(Backends backends, String regionFactory) throws IOException {
    return start(backends, ZERO_CONFIGURATION, regionFactory);
  }

  private static SecondNode start(Backends backends, String application, String regionFactory)
      throws IOException {
    SecondNode node = new SecondNode(ChildJvm.of(SecondNode.class).jvmOptions(backends.jvmOptions())
        .systemProperty("org.jboss.logging.provider", System.getProperty("org.jboss.logging.provider", "jdk"))
        .arguments(backends.jdbcUrl(), application, regionFactory).pipeOutput().start());
    try {
      node.answer("ready");
    } catch (IOException | RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  /** Reads a book's title by id in a transaction of its own on this node. */
  Measured<String> bookTitle(long id) throws IOException {
    return ask("book " + id);
  }

  /** Reads a book's title by its natural id. */
  Measured<String> bookTitleByIsbn(String isbn) throws IOException {
    return ask("isbn " + isbn);
  }

  /** Runs the cached query for an author's book titles, comma-separated. */
  Measured<String> titlesOf(long authorId) throws IOException {
    return ask("titles " + authorId);
  }

  /** Reads an author's name by id. */
  Measured<String> authorName(long id) throws IOException {
    return ask("author " + id);
  }

  /** Reads a note's title by id. */
  Measured<String> noteTitle(long id) throws IOException {
    return ask("note " + id);
  }

  /** Evicts a book from the second-level cache ({@code SessionFactory.getCache().evictEntityData}). */
  void evictBook(long id) throws IOException {
    ask("evict " + id);
  }

  /**
   * Starts evicting a book and loading it again in a loop, on {@code threads} threads ({@link Churn}), and returns
   * at once.
   */
  void startChurn(long bookId, int threads) throws IOException {
    ask("churn " + bookId + " " + threads);
  }

  /** Stops what {@link #startChurn} started, and returns how many evict-and-load cycles it completed. */
  long stopChurn() throws IOException {
    return Long.parseLong(ask("stop").result());
  }

  /**
   * A READ_WRITE entry is readable only by transactions that began after the one that cached it, by Hibernate's
   * timestamps (milliseconds, and a counter within a millisecond that each JVM keeps for itself): a node starting
   * a transaction in the very millisecond another cached the entry reads the database instead. A test calls this
   * between caching an entry on one node and expecting the other to read it from the cache.
   */
  static void awaitNextMillisecond() {
    long now = System.currentTimeMillis();
    while (System.currentTimeMillis() <= now) {
      Thread.onSpinWait();
    }
  }

  private Measured<String> ask(String command) throws IOException {
    commands.println(command);
    String[] answer = answer("ok").split(" ", 4);
    return new Measured<>(answer[3], Long.parseLong(answer[1]), Long.parseLong(answer[2]));
  }

  /** The node's next answer line, which must start with {@code expected}. */
  private String answer(String expected) throws IOException {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return answers.readLine();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    String answer;
    try {
      answer = line.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("the second node did not answer within " + ANSWER_TIMEOUT_SECONDS + " s", e);
    }
    if (answer == null || !answer.startsWith(expected)) {
      throw new IllegalStateException("the second node answered '" + answer + "' instead of '" + expected + "...'");
    }
    return answer;
  }

  @Override
  public void close() {
    jvm.close();
  }

  /**
   * The node itself.
   *
   * @param args the JDBC URL of the shared database, the application ({@code library} or
   *     {@code zero-configuration}) and the library's region factory
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    try (SessionFactory sessionFactory = args[1].equals(ZERO_CONFIGURATION) ? ZeroConfiguration.open(args[0], false, args[2])
        : Library.open(args[0], false, null, args[2])) {
      Churn churn = null;
      PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      out.println("ready");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] words = line.split(" ", 2);
        if (words[0].equals("churn")) {
          String[] arguments = words[1].split(" ");
          churn = Churn.start(sessionFactory, Long.parseLong(arguments[0]), Integer.parseInt(arguments[1]));
          out.println("ok 0 0 started");
          continue;
        }
        if (words[0].equals("evict")) {
          sessionFactory.getCache().evictEntityData(Book.class, Long.valueOf(words[1]));
          SecondNode.awaitNextMillisecond(); // a load in the eviction's own millisecond is not cached
          out.println("ok 0 0 evicted");
          continue;
        }
        if (words[0].equals("stop")) {
          out.println("ok 0 0 " + churn.stop());
          continue;
        }
        Function<Session, String> read;
        switch (words[0]) {
          case "book":
            read = session -> session.find(Book.class, Long.valueOf(words[1])).getTitle();
            break;
          case "isbn":
            read = session -> NaturalIds.book(session, words[1]).getTitle();
            break;
          case "titles":
            read = session -> String.join(",", Library.titlesOf(session, Long.parseLong(words[1])));
            break;
          case "author":
            read = session -> session.find(Author.class, Long.valueOf(words[1])).getName();
            break;
          case "note":
            read = session -> session.find(Note.class, Long.valueOf(words[1])).getTitle();
            break;
          default:
            out.println("error unknown command " + line);
            continue;
        }
        Measured<String> result = Measured.inTransaction(sessionFactory, read);
        out.println("ok " + result.statements() + " " + result.cacheHits() + " " + result.result());
      }
    }
  }
}
