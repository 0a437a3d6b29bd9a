package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The canonical path a filter decides on, and the request URIs that have none. */
class CanonicalPathTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/                               | /",
        "/api/status                     | /api/status",
        "/api/status/                    | /api/status/",
        "/api/status;/details            | /api/status/details",
        "/api/status;x=1/details         | /api/status/details",
        "/api;a=1/status;b=2/details;c=3 | /api/status/details",
        "/api/status/details;jsessionid=x| /api/status/details",
        "/api/public/../status           | /api/status",
        "/api/public/./me                | /api/public/me",
        "/api/public/.                   | /api/public/",
        "/api/public/x/..                | /api/public/",
        "/api/p%75blic/me                | /api/public/me",
        "/api/%41%7a%30%2D%5f%7E         | /api/Az0-_~",
        "/api/a%20b%c3%a9                | /api/a%20b%C3%A9",
        "/api/%e2%82%ac%f0%9f%98%80      | /api/%E2%82%AC%F0%9F%98%80",
        "/api/%DF%BF%E0%A0%80%ED%9F%BF   | /api/%DF%BF%E0%A0%80%ED%9F%BF",
        "/api/%EE%80%80%F0%90%80%80      | /api/%EE%80%80%F0%90%80%80",
        "/api/%f4%8f%bf%bfx              | /api/%F4%8F%BF%BFx",
        "/api/%252e%252e/me              | /api/%252e%252e/me",
        "/api/%2e%2ex/me                 | /api/..x/me",
        "/api/...                        | /api/...",
        "/api/a:b@c!$&'()*+,=            | /api/a:b@c!$&'()*+,=",
      })
  void ofWhenUnambiguousThenCanonical(String uri, String canonical) {
    assertThat(CanonicalPath.of(uri, "")).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/public/..;/me",
        "/api/public/..;x=1/me",
        "/api/public/.;/me",
        "/api/public/.;x/me",
        "/api/public/%2e%2e/me",
        "/api/public/%2E%2e/me",
        "/api/public/.%2e/me",
        "/api/public/%2e/me",
        "/api/public/%2e%2e;x/me",
        "/api/public/..%2Fme",
        "/api/status%2Fdetails",
        "/api/status%2fdetails",
        "/api/status%5Cdetails",
        "/api/public/..%3B/me",
        "/api/status%3bx/details",
        "/api/status%5cdetails",
        "/api/status\\details",
        "/api/status%00",
        "/api/status\u0000",
        "/api/status%0a",
        "/api/status%7F",
        "/api/status\t",
        "/api/st atus",
        "/api/caf\u00e9",
        "/api/status%",
        "/api/status%2",
        "/api/status%zz",
        "/api/status%g0",
        "/api/st%\uFF14\uFF11tus",
        "/api/st%\u0664\u0661tus",
        "/api/st%4\uFF11tus",
        "/api//status",
        "//api/status",
        "/api/;x/status",
        "/api/status/;x",
        "/..",
        "/api/../..",
        "/api/../../x",
        "api/status",
        "",
      })
  void ofWhenAmbiguousThenNone(String uri) {
    assertThat(CanonicalPath.of(uri, "")).isNull();
  }

  /**
   * Escapes that are not well-formed UTF-8 (RFC 3629): decoders differ on them, and a lenient one
   * reads an overlong {@code %C0%AE} as {@code .}, so {@code /api/public/%C0%AE%C0%AE/me} could be
   * {@code /api/me} to the application while it is under the public prefix to the filter.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/public/%c0%ae%c0%ae/me",
        "/api/public/%C0%AE/me",
        "/api/public/%c1%bf",
        "/api/public/%e0%80%ae%e0%80%ae/me",
        "/api/public/%f0%80%80%ae/me",
        "/api/public/%c0%af",
        "/api/public/%ae",
        "/api/public/%80x",
        "/api/public/%ff%fe/../me",
        "/api/public/%c3",
        "/api/public/%c3x",
        "/api/public/%c3%c3",
        "/api/public/%e2%82",
        "/api/public/%e2%82%2e",
        "/api/public/%ed%a0%80",
        "/api/public/%f4%90%80%80",
        "/api/public/%f5%80%80%80",
        "/api/public/%f8%88%80%80%80",
      })
  void ofWhenEscapesNotWellFormedUtf8ThenNone(String uri) {
    assertThat(CanonicalPath.of(uri, "")).isNull();
  }

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/app/api/status          | /app | /api/status",
        "/app;x=1/api/status      | /app | /api/status",
        "/app                     | /app | /",
        "/%61pp/api/status        | /app | /api/status",
      })
  void ofWhenContextPathThenRelative(String uri, String context, String canonical) {
    assertThat(CanonicalPath.of(uri, context)).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/apps/api/status", "/other/api", "/app/../api/status", "/ap"})
  void ofWhenUriOutsideContextPathThenNone(String uri) {
    assertThat(CanonicalPath.of(uri, "/app")).isNull();
  }

  /** Parameters on every segment, in every position, never change the path decided on. */
  @ParameterizedTest
  @ValueSource(strings = {";", ";x", ";x=1", ";jsessionid=abc", ";a=1;b=2", ";%2e%2e", ";/"})
  void ofWhenParametersOnEverySegmentThenSamePathAsWithout(String parameters) {
    String[] segments = {"api", "status", "details"};
    for (int mask = 0; mask < 1 << segments.length; mask++) {
      StringBuilder uri = new StringBuilder();
      for (int i = 0; i < segments.length; i++) {
        uri.append('/').append(segments[i]);
        if ((mask & 1 << i) != 0) {
          uri.append(parameters.replace("/", ""));
        }
      }
      assertThat(CanonicalPath.of(uri.toString(), ""))
          .as(uri.toString())
          .isEqualTo("/api/status/details");
    }
  }

  /** Every spelling of a dot segment that is not a plain {@code .} or {@code ..} is refused. */
  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void ofWhenDotSegmentEncodedInAnyCaseOrWithParametersThenNone(String dots) {
    for (int mask = 1; mask < 1 << dots.length() * 2; mask++) {
      StringBuilder segment = new StringBuilder();
      for (int i = 0; i < dots.length(); i++) {
        int form = mask >> i * 2 & 3;
        segment.append(form == 0 ? "." : form == 1 ? "%2e" : form == 2 ? "%2E" : ".");
      }
      String spelled = segment.toString();
      if (!spelled.equals(dots)) {
        assertThat(CanonicalPath.of("/api/x/" + spelled + "/me", "")).as(spelled).isNull();
      }
      assertThat(CanonicalPath.of("/api/x/" + spelled + ";p/me", "")).as(spelled).isNull();
    }
  }
}
