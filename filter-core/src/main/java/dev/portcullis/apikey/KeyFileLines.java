package dev.portcullis.apikey;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits the lines of a key file one key at a time. Comments, blank lines and every line of another
 * key stay as they are, byte for byte; only the line of the key changed is rewritten, in the
 * canonical form of {@link ApiKeyFile#line}, and a new key is appended.
 */
final class KeyFileLines {
  private static final Pattern KEY_LINE = Pattern.compile("\\s*([0-9a-f]{16})\\s*[=:\\s].*");

  private KeyFileLines() {}

  /** Where one key's line is and what its fields are. */
  record Entry(int index, Map<String, String> fields) {}

  /**
   * Finds the line of a key.
   *
   * @throws IOException when the line is continued on the next one (edit such a key by hand)
   */
  static Optional<Entry> find(List<String> lines, String id) throws IOException {
    boolean continued = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean isKey = !continued && !comment(line);
      boolean continues = !comment(line) && endsWithBackslash(line);
      if (isKey) {
        Matcher m = KEY_LINE.matcher(line);
        if (m.matches() && m.group(1).equals(id)) {
          if (continues) {
            throw new IOException("the line of key id [" + id + "] is continued; edit it by hand");
          }
          Properties one = new Properties();
          one.load(new StringReader(line));
          return Optional.of(new Entry(i, ApiKeyFile.fields(id, one.getProperty(id, ""))));
        }
      }
      continued = continues;
    }
    return Optional.empty();
  }

  /** Rewrites the line of a key found by {@link #find}. */
  static void replace(List<String> lines, Entry entry, String id, ApiKeyRecord record) {
    lines.set(entry.index(), ApiKeyFile.line(id, ApiKeyFile.fields(record, entry.fields())));
  }

  /** Appends the line of a new key, with its creation time. */
  static void append(List<String> lines, ApiKeyRecord record, java.time.Instant created) {
    Map<String, String> fields = ApiKeyFile.fields(record, Map.of());
    fields.put("created", created.toString());
    if (!lines.isEmpty() && endsWithBackslash(lines.get(lines.size() - 1))) {
      lines.add("");
    }
    lines.add(ApiKeyFile.line(record.id(), fields));
  }

  private static boolean comment(String line) {
    String trimmed = line.stripLeading();
    return trimmed.startsWith("#") || trimmed.startsWith("!");
  }

  private static boolean endsWithBackslash(String line) {
    int n = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      n++;
    }
    return n % 2 == 1;
  }
}
