package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HiddenHeadersRequestTest {

  /** Distrusts Client-Cert from everyone; never authenticates. */
  static final Authenticator DISTRUSTING =
      new Authenticator() {
        @Override
        public Optional<Challenge> challenge() {
          return Optional.empty();
        }

        @Override
        public Set<String> presentedSources(AuthenticationRequest request) {
          return Set.of();
        }

        @Override
        public AuthResult authenticate(AuthenticationRequest request) {
          return AuthResult.notAttempted();
        }

        @Override
        public Set<String> untrustedHeaders(HttpServletRequest request) {
          return Set.of("client-cert");
        }
      };

  @Test
  void ofWhenAuthenticatorDistrustsHeaderThenHiddenFromEveryAccessor() {
    HttpServletRequest request =
        HiddenHeadersRequest.of(
            FakeRequest.get("/").header("Client-Cert", ":AAAA:").header("Accept", "x").build(),
            List.of(DISTRUSTING));

    assertThat(request.getHeader("Client-Cert")).isNull();
    assertThat(request.getHeader("CLIENT-CERT")).isNull();
    assertThat(Collections.list(request.getHeaders("client-cert"))).isEmpty();
    assertThat(Collections.list(request.getHeaderNames())).containsExactly("accept");
    assertThat(request.getHeader("Accept")).isEqualTo("x");
  }

  @Test
  void ofWhenAuthenticatorDistrustsAttributeThenHiddenFromEveryAccessor() {
    Authenticator distrustingTls =
        new Authenticator() {
          @Override
          public Optional<Challenge> challenge() {
            return Optional.empty();
          }

          @Override
          public Set<String> presentedSources(AuthenticationRequest request) {
            return Set.of();
          }

          @Override
          public AuthResult authenticate(AuthenticationRequest request) {
            return AuthResult.notAttempted();
          }

          @Override
          public Set<String> untrustedAttributes(HttpServletRequest request) {
            return Set.of("jakarta.servlet.request.X509Certificate");
          }
        };
    HttpServletRequest request =
        HiddenHeadersRequest.of(
            FakeRequest.get("/")
                .attribute("jakarta.servlet.request.X509Certificate", new Object())
                .attribute("other", "x")
                .header("Client-Cert", ":AAAA:")
                .build(),
            List.of(distrustingTls));

    assertThat(request.getAttribute("jakarta.servlet.request.X509Certificate")).isNull();
    assertThat(Collections.list(request.getAttributeNames())).containsExactly("other");
    assertThat(request.getAttribute("other")).isEqualTo("x");
    assertThat(request.getHeader("Client-Cert")).isEqualTo(":AAAA:");
  }

  @Test
  void ofWhenNothingDistrustedThenSameRequest() {
    HttpServletRequest original = FakeRequest.get("/").build();
    Authenticator trusting =
        new Authenticator() {
          @Override
          public Optional<Challenge> challenge() {
            return Optional.empty();
          }

          @Override
          public Set<String> presentedSources(AuthenticationRequest request) {
            return Set.of();
          }

          @Override
          public AuthResult authenticate(AuthenticationRequest request) {
            return AuthResult.notAttempted();
          }
        };

    assertThat(HiddenHeadersRequest.of(original, List.of(trusting))).isSameAs(original);
  }
}
