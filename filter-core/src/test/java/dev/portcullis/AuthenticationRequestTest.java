package dev.portcullis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

class AuthenticationRequestTest {
  private final HttpServletRequest servlet = FakeRequest.get("/a").build();

  @Test
  void credentialsWhenSchemeMatchesInAnyCaseThenReturned() {
    AuthenticationRequest request =
        new AuthenticationRequest(servlet, new Authorization("bEaReR", "tok"));

    assertThat(request.credentials("Bearer")).contains("tok");
    assertThat(request.credentials("BEARER")).contains("tok");
    assertThat(request.authorization()).contains(new Authorization("bEaReR", "tok"));
    assertThat(request.servletRequest()).isSameAs(servlet);
  }

  @Test
  void credentialsWhenOtherSchemeThenEmpty() {
    AuthenticationRequest request =
        new AuthenticationRequest(servlet, new Authorization("Basic", "abc"));

    assertThat(request.credentials("Bearer")).isEmpty();
  }

  @Test
  void credentialsWhenNoAuthorizationThenEmpty() {
    AuthenticationRequest request = new AuthenticationRequest(servlet, null);

    assertThat(request.credentials("Bearer")).isEmpty();
    assertThat(request.authorization()).isEmpty();
  }

  @Test
  void constructorWhenNoRequestThenRefused() {
    assertThatThrownBy(() -> new AuthenticationRequest(null, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void fingerprintWhenAskedTwiceThenTheCredentialsSha256AndForAnotherCredentialItsOwn() {
    AuthenticationRequest request =
        new AuthenticationRequest(servlet, new Authorization("Bearer", "tok"));

    assertThat(request.fingerprint("tok")).isEqualTo(Fingerprint.of("tok"));
    assertThat(request.fingerprint("tok")).isEqualTo(Fingerprint.of("tok"));
    assertThat(request.fingerprint("other")).isEqualTo(Fingerprint.of("other"));
    assertThat(request.fingerprint("tok")).isEqualTo(Fingerprint.of("tok"));
  }
}
