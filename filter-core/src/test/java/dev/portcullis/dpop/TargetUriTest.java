package dev.portcullis.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.config.ProxyAddresses;
import dev.portcullis.testing.FakeRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3986 §6.2.2 and §6.2.3 normalization of {@code htu}, and where the target comes from. */
class TargetUriTest {

  @ParameterizedTest
  @CsvSource({
    "HTTPS://API.Example/a, https://api.example/a",
    "https://api.example:443/a, https://api.example/a",
    "http://api.example:80/a, http://api.example/a",
    "https://api.example:8443/a, https://api.example:8443/a",
    "https://api.example, https://api.example/",
    "https://api.example/%7euser/%2fx, https://api.example/~user/%2Fx",
    "https://api.example/a/./b/../c, https://api.example/a/c",
    "https://api.example/a/b/.., https://api.example/a/",
    "https://api.example/../a, https://api.example/a"
  })
  void normalizeWhenEquivalentFormThenOneNormalForm(String uri, String normal) {
    assertThat(TargetUri.normalize(uri)).isEqualTo(normal);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.example/a?b=1",
        "https://api.example/a#f",
        "https://user@api.example/a",
        "ftp://api.example/a",
        "/a",
        "https://api.example/%zz",
        "https://api.example/%4",
        "https://api.example/a b"
      })
  void normalizeWhenNotAnAcceptableHtuThenNull(String uri) {
    assertThat(TargetUri.normalize(uri)).isNull();
  }

  @Test
  void matchesWhenDirectThenSchemeHostAndNonDefaultPort() {
    TargetUri targets = new TargetUri(ProxyAddresses.parse(List.of()));
    var onPort = FakeRequest.get("/a").host("api.example", 8080).build();
    var ipv6 = FakeRequest.get("/a").secure(true).host("::1", 443).build();

    assertThat(targets.matches("http://api.example:8080/a", onPort)).isTrue();
    assertThat(targets.matches("http://api.example/a", onPort)).isFalse();
    assertThat(targets.matches("https://[::1]/a", ipv6)).isTrue();
    assertThat(targets.matches("https://::1/a", ipv6)).isFalse();
  }

  @Test
  void matchesWhenHtuIsTheTargetExactlyOrNormalizedThenTrueElseFalse() {
    TargetUri targets = new TargetUri(ProxyAddresses.parse(List.of()));
    var request = FakeRequest.get("/api/me").secure(true).host("api.example", 443).build();
    var onPort = FakeRequest.get("/api/me").host("api.example", 8080).build();

    assertThat(targets.matches("https://api.example/api/me", request)).isTrue();
    assertThat(targets.matches("https://API.example:443/api/./me", request)).isTrue();
    assertThat(targets.matches("http://api.example:8080/api/me", onPort)).isTrue();
    for (String other :
        List.of(
            "https://api.example/api/m",
            "https://api.example/api/me/",
            "https://api.example/api/mE",
            "https://api.exampl/api/me",
            "https://api.example.org/api/me",
            "http://api.example/api/me",
            "https//api.example/api/me",
            "https:/api.example/api/me/",
            "https://api.example:8443/api/me",
            "https://api.example/api/me?x=1",
            "https://api.example")) {
      assertThat(targets.matches(other, request)).as(other).isFalse();
    }
    assertThat(targets.matches("http://api.example/api/me", onPort)).isFalse();
  }

  @Test
  void matchesWhenTrustedProxySendsListsThenForwardedValuesIgnored() {
    TargetUri targets = new TargetUri(ProxyAddresses.parse(List.of("10.0.0.0/8")));
    FakeRequest listed =
        FakeRequest.get("/a")
            .host("backend", 8080)
            .remoteAddr("10.0.0.1")
            .header("X-Forwarded-Proto", "https, http")
            .header("X-Forwarded-Host", "api.example");

    // the single X-Forwarded-Host counts; the listed X-Forwarded-Proto does not
    assertThat(targets.matches("http://api.example/a", listed.build())).isTrue();
    assertThat(targets.matches("https://api.example/a", listed.build())).isFalse();
    assertThat(targets.matches("http://backend:8080/a", listed.build())).isFalse();
  }
}
