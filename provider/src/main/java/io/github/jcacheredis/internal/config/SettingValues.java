package io.github.jcacheredis.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the human-friendly values a configuration file holds: durations and byte sizes. */
final class SettingValues {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?");

  private SettingValues() {
  }

  /**
   * @param text    {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT10M})
   * @param setting where it stands, for the error message
   * @return the duration
   */
  static Duration duration(String text, String setting) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = DURATION.matcher(trimmed);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      switch (matcher.group(2)) {
        case "ms":
          return Duration.ofMillis(amount);
        case "s":
          return Duration.ofSeconds(amount);
        case "m":
          return Duration.ofMinutes(amount);
        case "h":
          return Duration.ofHours(amount);
        default:
          return Duration.ofDays(amount);
      }
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(setting + ": '" + text + "' is not a duration (write e.g. 500ms, 30s, 10m,"
          + " 2h, 1d or PT10M)");
    }
  }

  /**
   * @param text    {@code 4096}, {@code 4KB}, {@code 1MB}
   * @param setting where it stands, for the error message
   * @return the size in bytes
   */
  static long bytes(String text, String setting) {
    Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException(setting + ": '" + text + "' is not a size (write e.g. 4096, 4KB or 1MB)");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "b" : matcher.group(2);
    switch (unit) {
      case "kb":
        return amount * 1024;
      case "mb":
        return amount * 1024 * 1024;
      case "gb":
        return amount * 1024 * 1024 * 1024;
      default:
        return amount;
    }
  }
}
