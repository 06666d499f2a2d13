package io.github.jcacheredis.internal.config;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:default}} in configuration values with environment variables, so
 * a file can name secrets and addresses without holding them. A variable that is unset and has no default is
 * an error naming the variable and the setting, never an empty string.
 */
final class EnvironmentSubstitution {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::([^}]*))?}");

  private final Function<String, String> environment;

  EnvironmentSubstitution(Function<String, String> environment) {
    this.environment = environment;
  }

  /**
   * @param value   a value as written in the file
   * @param setting where it stands, for the error message
   * @return the value with every reference replaced
   * @throws IllegalArgumentException if a referenced variable is unset and has no default
   */
  String substitute(String value, String setting) {
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement = environment.apply(name);
      if (replacement == null) {
        replacement = matcher.group(2);
      }
      if (replacement == null) {
        throw new IllegalArgumentException(setting + " refers to the environment variable " + name
            + ", which is not set and has no default (write ${" + name + ":default} to give one)");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
