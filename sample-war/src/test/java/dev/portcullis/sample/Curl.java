package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code curl} command line client, as an operator would try a key: the key goes to curl
 * on its standard input ({@code -H @-}), never on its command line, and the answer's status and
 * {@code WWW-Authenticate} fields are read from the header dump.
 */
final class Curl {
  private static final int TIMEOUT_SECONDS = 30;

  private Curl() {}

  /**
   * What curl received.
   *
   * @param status the status code
   * @param challenges the values of every {@code WWW-Authenticate} field
   */
  record Answer(int status, List<String> challenges) {}

  /** {@code GET url} with {@code X-API-Key: key}. */
  static Answer get(String url, String key) throws IOException, InterruptedException {
    Process curl =
        new ProcessBuilder(
                "curl", "-sS", "--max-time", "20", "-o", "/dev/null", "-D", "-", "-H", "@-", url)
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = curl.getOutputStream()) {
      in.write(("X-API-Key: " + key + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    assertThat(curl.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("curl finished").isTrue();
    assertThat(curl.exitValue()).as(out).isZero();
    String[] lines = out.split("\r\n");
    assertThat(lines[0]).as(out).matches("HTTP/\\S+ \\d{3}.*");
    List<String> challenges = new ArrayList<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).toLowerCase(Locale.ROOT).equals("www-authenticate")) {
        challenges.add(line.substring(colon + 1).strip());
      }
    }
    return new Answer(Integer.parseInt(lines[0].split(" ")[1]), challenges);
  }
}
