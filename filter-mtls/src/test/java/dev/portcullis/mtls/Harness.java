package dev.portcullis.mtls;

import dev.portcullis.Identity;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/** Runs an {@link AuthenticationFilter} with the mtls mechanism over fakes and fake time. */
final class Harness {
  final FakeTime time = new FakeTime(TestPki.NOW);
  private final AuthenticationFilterBuilder builder = AuthenticationFilter.builder();
  private AuthenticationFilter filter;
  private RecordingChain chain;

  Harness(String mechanisms, Path trustStore) {
    builder.mechanisms(mechanisms).set("mtls.trustAnchors", trustStore.toString());
  }

  Harness set(String key, String value) {
    builder.set(key, value);
    return this;
  }

  Harness start() throws ServletException {
    filter = builder.time(time, time).build();
    filter.init(new FakeFilterConfig());
    return this;
  }

  static FakeRequest tls(X509Certificate... chain) {
    return FakeRequest.get("/api/me").attribute(CertificateSource.TLS_ATTRIBUTE, chain);
  }

  FakeResponse call(FakeRequest request) {
    FakeResponse response = new FakeResponse();
    chain = new RecordingChain();
    try {
      filter.doFilter(request.build(), response.servlet(), chain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ServletException e) {
      throw new IllegalStateException(e);
    }
    return response;
  }

  /** The identity the application saw, or null when the filter answered itself. */
  Identity identity() {
    return chain.called()
        ? (Identity) ((HttpServletRequest) chain.request()).getUserPrincipal()
        : null;
  }

  HttpServletRequest passedOn() {
    return (HttpServletRequest) chain.request();
  }
}
