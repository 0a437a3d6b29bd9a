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
 * Files small enough to read in one sitting: no main source file of any module over {@value
 * #MAX_FILE_LINES} lines, and no method over {@value #MAX_METHOD_LINES} lines unless a comment just
 * above it or inside it says why, starting with {@value #REASON_MARKER}.
 */
class SourceSizeTest {
  static final int MAX_FILE_LINES = 300;
  static final int MAX_METHOD_LINES = 60;
  static final String REASON_MARKER = "long-method:";

  private static final List<String> SOURCE_ROOTS =
      List.of(
          "filter-core/src/main/java",
          "filter-jwt/src/main/java",
          "filter-mtls/src/main/java",
          "sample-war/src/main/java",
          "benchmarks/src/main/java",
          "benchmarks/mp-jwt-war/src/main/java");

  private static final Pattern METHOD =
      Pattern.compile(
          "^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|static|final|abstract"
              + "|synchronized|default|native)\\s+)*(?:<[^>]+>\\s+)?(?:[\\w.$<>\\[\\],?]+\\s+)?"
              + "(\\w+)\\s*\\((?:[^;{}]*)$|^\\s*(?:public|protected|private)?\\s*\\w+\\s*\\{\\s*$");

  private static final Pattern NOT_A_METHOD =
      Pattern.compile(
          "^\\s*(?:if|for|while|switch|catch|synchronized|try|finally|return|new|else|throw|do"
              + "|case|static\\s*\\{|[\\w.]+\\s*=).*|.*\\b(?:class|interface|enum|record)\\s+[A-Z].*");

  @Test
  void sourcesWhenMeasuredThenNoFileExceedsTheLimit() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Path file : sources()) {
      int lines = Files.readAllLines(file).size();
      if (lines > MAX_FILE_LINES) {
        tooLong.add(root().relativize(file) + " has " + lines + " lines");
      }
    }
    assertThat(tooLong).isEmpty();
  }

  @Test
  void sourcesWhenMeasuredThenNoMethodExceedsTheLimitWithoutAReason() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Path file : sources()) {
      for (String method : longMethods(Files.readAllLines(file))) {
        tooLong.add(root().relativize(file) + ": " + method);
      }
    }
    assertThat(tooLong).isEmpty();
  }

  @Test
  void longMethodsWhenBodyIsLongThenReportedUnlessAReasonIsGiven() {
    List<String> body = new ArrayList<>();
    for (int i = 0; i < MAX_METHOD_LINES; i++) {
      body.add("    call(\"{\" + '}');");
    }
    List<String> method =
        new ArrayList<>(List.of("class A {", "  void run(int a,", "      int b) {"));
    method.addAll(body);
    method.add("  }");
    method.add("}");
    List<String> explained = new ArrayList<>(method);
    explained.add(1, "  // " + REASON_MARKER + " one table, read top to bottom");

    assertThat(longMethods(method)).containsExactly("run at line 2 has 63 lines");
    assertThat(longMethods(explained)).isEmpty();
  }

  /** The methods of a source longer than the limit without a reason, as "name at line n". */
  static List<String> longMethods(List<String> source) {
    List<String> code = Code.strip(source);
    List<String> found = new ArrayList<>();
    for (int start = 0; start < code.size(); start++) {
      String line = code.get(start);
      var m = METHOD.matcher(line);
      if (!m.find() || NOT_A_METHOD.matcher(line).matches()) {
        continue;
      }
      int end = Code.endOfBlock(code, start);
      if (end < 0) {
        continue;
      }
      int length = end - start + 1;
      if (length > MAX_METHOD_LINES && !hasReason(source, start, end)) {
        String name = m.group(1) != null ? m.group(1) : line.strip();
        found.add(name + " at line " + (start + 1) + " has " + length + " lines");
      }
      start = end;
    }
    return found;
  }

  private static boolean hasReason(List<String> source, int start, int end) {
    for (int i = Math.max(0, start - 3); i <= end; i++) {
      String line = source.get(i);
      int marker = line.indexOf(REASON_MARKER);
      if (marker >= 0 && line.substring(marker + REASON_MARKER.length()).strip().length() > 3) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> sources() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String r : SOURCE_ROOTS) {
      Path dir = root().resolve(r);
      assertThat(dir).isDirectory();
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
      }
    }
    return files;
  }

  private static Path root() {
    return Path.of("").toAbsolutePath().getParent();
  }

  /** Java source with comments and literals blanked, so that braces can be counted. */
  static final class Code {
    private Code() {}

    static List<String> strip(List<String> source) {
      List<String> out = new ArrayList<>();
      boolean comment = false;
      boolean textBlock = false;
      for (String line : source) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
          char c = line.charAt(i);
          if (comment || textBlock) {
            String close = comment ? "*/" : "\"\"\"";
            if (line.startsWith(close, i)) {
              comment = false;
              textBlock = false;
              i += close.length() - 1;
            }
          } else if (line.startsWith("//", i)) {
            break;
          } else if (line.startsWith("/*", i)) {
            comment = true;
            i++;
          } else if (line.startsWith("\"\"\"", i)) {
            textBlock = true;
            i += 2;
          } else if (c == '"' || c == '\'') {
            i = endOfLiteral(line, i, c);
            b.append("x");
          } else {
            b.append(c);
          }
        }
        out.add(b.toString());
      }
      return out;
    }

    private static int endOfLiteral(String line, int open, char quote) {
      for (int i = open + 1; i < line.length(); i++) {
        if (line.charAt(i) == '\\') {
          i++;
        } else if (line.charAt(i) == quote) {
          return i;
        }
      }
      return line.length();
    }

    /** The line of the brace that closes the block opened at or after {@code start}, or -1. */
    static int endOfBlock(List<String> code, int start) {
      int depth = 0;
      boolean opened = false;
      for (int i = start; i < code.size(); i++) {
        for (char c : code.get(i).toCharArray()) {
          if (c == ';' && !opened && depth == 0) {
            return -1;
          }
          if (c == '{') {
            depth++;
            opened = true;
          } else if (c == '}') {
            depth--;
            if (opened && depth == 0) {
              return i;
            }
          }
        }
      }
      return -1;
    }
  }
}
