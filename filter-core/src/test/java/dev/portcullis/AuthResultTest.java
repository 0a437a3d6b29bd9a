package dev.portcullis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthResultTest {
  private final Identity alice = Identity.builder("alice", "fakeBearer", "Bearer").build();

  @Test
  void authenticatedWhenIdentityGivenThenCarriesIt() {
    assertThat(AuthResult.authenticated(alice))
        .isEqualTo(new AuthResult.Authenticated(alice))
        .extracting(r -> ((AuthResult.Authenticated) r).identity())
        .isSameAs(alice);
  }

  @Test
  void rejectedWhenErrorGivenThenCarriesIt() {
    AuthError error = AuthError.invalidToken("x");

    assertThat(AuthResult.rejected(error)).isEqualTo(new AuthResult.Rejected(error));
  }

  @Test
  void notAttemptedWhenCalledTwiceThenSameInstance() {
    assertThat(AuthResult.notAttempted())
        .isSameAs(AuthResult.notAttempted())
        .isInstanceOf(AuthResult.NotAttempted.class);
  }

  @Test
  void constructorsWhenNullThenRefused() {
    assertThatThrownBy(() -> AuthResult.authenticated(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("identity");
    assertThatThrownBy(() -> AuthResult.rejected(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("error");
  }
}
