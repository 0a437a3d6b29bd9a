package dev.portcullis.ratelimit;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Lists;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One band of a limit: at most {@code quota} requests per window of {@code window}, windows aligned
 * to the clock (a {@code 1m} window starts at every full minute, on every node alike).
 *
 * @param quota the requests allowed per window, at least 1
 * @param window the window, whole seconds, at least one second and at most a day
 * @param text the band as written, for example {@code 100/1m}; the policy's name on the wire
 */
record Band(long quota, Duration window, String text) {
  static final int MAX_BANDS = 8;
  static final long MAX_QUOTA = 1_000_000_000L;
  private static final Duration MAX_WINDOW = Duration.ofDays(1);
  private static final String WINDOW = "window";
  private static final Pattern BAND = Pattern.compile("(\\d{1,10})/([0-9A-Za-z]{1,20})");

  /**
   * Parses {@code 100/1m} or {@code 10/1s,1000/1h}.
   *
   * @throws dev.portcullis.config.ConfigurationException naming the key and the value
   */
  static List<Band> parseAll(Config config, String key, String value) {
    List<String> items = Lists.split(value, ',');
    if (items.isEmpty() || items.size() > MAX_BANDS) {
      throw config.invalid(
          key, value, "expected 1 to " + MAX_BANDS + " bands such as 100/1m or 10/1s,1000/1h");
    }
    List<Band> bands = new ArrayList<>();
    Set<Duration> windows = new HashSet<>();
    for (String item : items) {
      Band band = parse(config, key, item);
      if (!windows.add(band.window())) {
        throw config.invalid(key, value, "two bands have the window " + band.window());
      }
      bands.add(band);
    }
    return List.copyOf(bands);
  }

  private static Band parse(Config config, String key, String item) {
    Matcher m = BAND.matcher(item);
    if (!m.matches()) {
      throw config.invalid(key, item, "expected <requests>/<window>, for example 100/1m");
    }
    long quota = Long.parseLong(m.group(1));
    if (quota < 1 || quota > MAX_QUOTA) {
      throw config.invalid(key, item, "the request count must be 1 to " + MAX_QUOTA);
    }
    Duration window;
    try {
      window = Config.of(Map.of(WINDOW, m.group(2))).duration(WINDOW, null);
    } catch (ConfigurationException e) {
      throw config.invalid(key, item, "the window must be a duration such as 1s, 1m, 1h or 1d");
    }
    if (window.toSeconds() < 1
        || window.toNanos() % 1_000_000_000L != 0
        || window.compareTo(MAX_WINDOW) > 0) {
      throw config.invalid(key, item, "the window must be whole seconds, 1s to 1d");
    }
    return new Band(quota, window, item);
  }
}
