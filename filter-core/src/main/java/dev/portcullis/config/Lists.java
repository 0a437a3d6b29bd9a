package dev.portcullis.config;

import java.util.ArrayList;
import java.util.List;

/** The one list syntax of settings and key records: items between separators, trimmed. */
public final class Lists {
  private Lists() {}

  /**
   * Splits a delimited value.
   *
   * @param value the text, may be {@code null}
   * @param separator the character between items, for example {@code ','} or {@code ' '}
   * @return the trimmed, non-empty items in order; empty for {@code null} or blank text
   */
  public static List<String> split(String value, char separator) {
    List<String> items = new ArrayList<>();
    if (value == null) {
      return items;
    }
    int start = 0;
    while (start <= value.length()) {
      int end = value.indexOf(separator, start);
      if (end < 0) {
        end = value.length();
      }
      String item = value.substring(start, end).trim();
      if (!item.isEmpty()) {
        items.add(item);
      }
      start = end + 1;
    }
    return items;
  }
}
