package dev.portcullis.apikey;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * When the keys of a key file were last used: a side file {@code <key file>.last-used} of {@code
 * id=instant} lines, written in batches by a {@link LastUsedRecorder}, atomically and under a lock
 * like the key file. The key file itself is never rewritten for a use, so a use never reloads it.
 */
final class KeyFileLastUsed {
  private final Path path;
  private final KeyFileWriter writer;

  KeyFileLastUsed(Path keyFile) {
    this.path = keyFile.resolveSibling(keyFile.getFileName() + ".last-used");
    this.writer = new KeyFileWriter(path);
  }

  /** Records a batch: one line per id, replaced in place. */
  void write(List<String> ids, Instant usedAt) throws IOException {
    writer.edit(
        lines -> {
          Map<String, Integer> at = new HashMap<>();
          for (int i = 0; i < lines.size(); i++) {
            int eq = lines.get(i).indexOf('=');
            if (eq > 0) {
              at.put(lines.get(i).substring(0, eq), i);
            }
          }
          for (String id : ids) {
            String line = id + "=" + usedAt;
            Integer index = at.get(id);
            if (index == null) {
              lines.add(line);
            } else {
              lines.set(index, line);
            }
          }
          return null;
        });
  }

  /** The last uses recorded; a missing or unreadable side file knows none. */
  Map<String, Instant> read() {
    Map<String, Instant> used = new HashMap<>();
    try {
      if (!Files.exists(path)) {
        return used;
      }
      Properties properties = new Properties();
      properties.load(new StringReader(Files.readString(path)));
      for (String id : properties.stringPropertyNames()) {
        used.put(id, Instant.parse(properties.getProperty(id)));
      }
    } catch (IOException | DateTimeParseException e) {
      System.getLogger(KeyFileLastUsed.class.getName())
          .log(System.Logger.Level.WARNING, "Cannot read {0}: {1}", path, e.toString());
    }
    return used;
  }
}
