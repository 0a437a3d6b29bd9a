package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.LinkageFailureFactory;
import org.junit.jupiter.api.Test;

/**
 * A filter whose {@code init} fails stays in the chain and answers 503: a container that skips a
 * filter whose {@code init} throws would otherwise serve the application without it.
 */
class AuthenticationFilterInitFailureTest {

  @Test
  void initWhenSettingBadThenDoesNotThrowAndEveryRequestIsUnavailable() {
    AuthenticationFilter filter = new AuthenticationFilter();
    FakeFilterConfig config =
        new FakeFilterConfig().param("mechanisms", "fakeBearer").param("required", "yes");

    assertThatCode(() -> filter.init(config)).doesNotThrowAnyException();

    for (FakeRequest request :
        new FakeRequest[] {
          FakeRequest.get("/api/me"),
          FakeRequest.get("/api/me").header("Authorization", "Bearer good"),
          FakeRequest.get("/api/me")
              .method("OPTIONS")
              .header("Origin", "https://a.example")
              .header("Access-Control-Request-Method", "GET"),
        }) {
      Exchange e = Exchange.run(filter, request);
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.header("Retry-After")).isEqualTo("5");
      assertThat(e.header("Cache-Control")).isEqualTo("no-store");
      assertThat(e.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
      assertThat(e.passed()).isFalse();
    }
  }

  @Test
  void initWhenMechanismUnknownThenUnavailable() {
    AuthenticationFilter filter = new AuthenticationFilter();

    assertThatCode(() -> filter.init(new FakeFilterConfig().param("mechanisms", "nope")))
        .doesNotThrowAnyException();

    assertThat(Exchange.run(filter, FakeRequest.get("/api/me")).status()).isEqualTo(503);
  }

  /**
   * An {@link Error} from init (a mechanism's library missing, a class initializer failing) is
   * caught like an exception: rethrown, the container would skip the filter and serve the
   * application without it.
   */
  @Test
  void initWhenMechanismThrowsErrorThenDoesNotThrowAndEveryRequestIsUnavailable() {
    AuthenticationFilter filter = new AuthenticationFilter();
    FakeFilterConfig config =
        new FakeFilterConfig().param("mechanisms", "fakeBearer," + LinkageFailureFactory.NAME);

    assertThatCode(() -> filter.init(config)).doesNotThrowAnyException();

    Exchange e =
        Exchange.run(filter, FakeRequest.get("/api/me").header("Authorization", "Bearer good"));
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.header("Retry-After")).isEqualTo("5");
    assertThat(e.header("Cache-Control")).isEqualTo("no-store");
    assertThat(e.passed()).isFalse();
  }
}
