package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Request attributes are named in one place, {@code dev.portcullis.RequestAttributes}: no main
 * source of the library reads or writes an attribute by a string literal.
 */
class RequestAttributeNamesTest {
  private static final List<String> LIBRARY_ROOTS =
      List.of("filter-core/src/main/java", "filter-jwt/src/main/java", "filter-mtls/src/main/java");

  private static final Pattern LITERAL_NAME =
      Pattern.compile("\\b(?:get|set|remove)Attribute\\(\\s*\"");

  @Test
  void sourcesWhenScannedThenNoAttributeIsNamedByALiteral() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<String> found = new ArrayList<>();
    for (String r : LIBRARY_ROOTS) {
      try (Stream<Path> walk = Files.walk(root.resolve(r))) {
        for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            if (LITERAL_NAME.matcher(lines.get(i)).find()) {
              found.add(root.relativize(file) + ":" + (i + 1));
            }
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }
}
