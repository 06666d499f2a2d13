package io.github.jcacheredis.internal.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Describes a SnakeYAML failure by what went wrong and where, never by what the file says there.
 *
 * <p>SnakeYAML's own message prints the offending line under a caret, and many of its problems quote input
 * ("found character '@' ...", "found undefined alias ...", "found unknown escape character ..."); on a line
 * like {@code tlsTruststorePassword: s3cr3t: x} that input is a password. So the description keeps the
 * problem's kind, its context and the line and column; drops whatever SnakeYAML put in quotes; and, because
 * not every quotation is in quotes, removes any run of four or more characters it shares with the lines the
 * error points at.
 */
final class YamlSyntaxError {

  private static final int SHORTEST_REDACTED = 4;
  private static final String REDACTED = "(...)";

  private YamlSyntaxError() {
  }

  /**
   * @param e        what SnakeYAML threw
   * @param document the text it was parsing
   * @return e.g. "mapping values are not allowed here (while scanning a simple key) at line 3, column 17"
   */
  static String describe(YAMLException e, String document) {
    if (!(e instanceof MarkedYAMLException)) {
      // Reader failures have no line to point at and their messages quote input too: the kind must do.
      return e.getClass().getSimpleName();
    }
    MarkedYAMLException marked = (MarkedYAMLException) e;
    List<String> lines = new ArrayList<>();
    String[] all = document.split("\r\n|\r|\n", -1);
    for (Mark mark : new Mark[] {marked.getProblemMark(), marked.getContextMark()}) {
      if (mark != null && mark.getLine() >= 0 && mark.getLine() < all.length) {
        lines.add(all[mark.getLine()]);
      }
    }
    StringBuilder description = new StringBuilder();
    description.append(marked.getProblem() == null ? "syntax error" : clean(marked.getProblem(), lines));
    if (marked.getContext() != null) {
      description.append(" (").append(clean(marked.getContext(), lines)).append(')');
    }
    Mark at = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
    if (at != null) {
      // Marks count from 0; editors from 1.
      description.append(" at line ").append(at.getLine() + 1).append(", column ").append(at.getColumn() + 1);
    }
    return description.toString();
  }

  private static String clean(String text, List<String> lines) {
    // "(Do not use %s for indentation)" repeats the offending character unquoted, and is advice, not the error.
    String unquoted = text.replaceAll("'[^']*'|\"[^\"]*\"|\\(Do not use .* for indentation\\)", "")
        .replaceAll("\\s+", " ").strip();
    for (String line : lines) {
      unquoted = redactShared(unquoted, line);
    }
    return unquoted;
  }

  /** Replaces every run of at least {@value #SHORTEST_REDACTED} characters of {@code text} found in {@code line}. */
  private static String redactShared(String text, String line) {
    StringBuilder result = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int longest = 0;
      for (int end = i + SHORTEST_REDACTED; end <= text.length() && line.contains(text.substring(i, end)); end++) {
        longest = end - i;
      }
      if (longest > 0) {
        result.append(REDACTED);
        i += longest;
      } else {
        result.append(text.charAt(i++));
      }
    }
    return result.toString();
  }
}
