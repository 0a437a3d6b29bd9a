package dev.portcullis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthErrorTest {

  @Test
  void invalidRequestWhenBuiltThenStatus400WithCodeAndDescription() {
    AuthError error = AuthError.invalidRequest("Two credentials");

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.code()).contains("invalid_request");
    assertThat(error.description()).contains("Two credentials");
    assertThat(error.scope()).isEmpty();
    assertThat(error.hasChallenge()).isTrue();
  }

  @Test
  void invalidTokenWhenBuiltThenStatus401WithCodeAndDescription() {
    AuthError error = AuthError.invalidToken("The access token expired");

    assertThat(error.status()).isEqualTo(401);
    assertThat(error.code()).contains("invalid_token");
    assertThat(error.description()).contains("The access token expired");
    assertThat(error.hasChallenge()).isTrue();
  }

  @Test
  void invalidTokenWhenNoDescriptionThenOnlyCode() {
    AuthError error = AuthError.invalidToken(null);

    assertThat(error.description()).isEmpty();
    assertThat(error.code()).contains("invalid_token");
  }

  @Test
  void insufficientScopeWhenBuiltThenStatus403WithScope() {
    AuthError error = AuthError.insufficientScope("orders:read orders:write");

    assertThat(error.status()).isEqualTo(403);
    assertThat(error.code()).contains("insufficient_scope");
    assertThat(error.scope()).contains("orders:read orders:write");
    assertThat(error.description()).isEmpty();
    assertThat(error.hasChallenge()).isTrue();
  }

  @Test
  void unauthorizedWhenBuiltThenStatus401WithoutCodeButWithChallenge() {
    AuthError error = AuthError.unauthorized();

    assertThat(error.status()).isEqualTo(401);
    assertThat(error.code()).isEmpty();
    assertThat(error.description()).isEmpty();
    assertThat(error.hasChallenge()).isTrue();
  }

  @Test
  void forbiddenWhenBuiltThenStatus403WithoutChallenge() {
    AuthError error = AuthError.forbidden();

    assertThat(error.status()).isEqualTo(403);
    assertThat(error.code()).isEmpty();
    assertThat(error.hasChallenge()).isFalse();
  }

  @Test
  void invalidTokenWhenDescriptionHasForbiddenCharactersThenRefused() {
    for (String bad :
        new String[] {
          "say \"hi\"",
          "back\\slash",
          "caf\u00e9",
          "line\r\nbreak",
          "tab\there",
          "nul\u0000",
          "del\u007f",
          "\u2028",
          ""
        }) {
      assertThatThrownBy(() -> AuthError.invalidToken(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void invalidTokenWhenDescriptionRefusedThenMessageDoesNotEchoIt() {
    assertThatThrownBy(() -> AuthError.invalidToken("secret\"token"))
        .hasMessage("Character not allowed in error_description at index 6");
  }

  @Test
  void invalidTokenWhenDescriptionIsPrintableAsciiThenAccepted() {
    String all = "!#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~ and spaces";

    assertThat(AuthError.invalidToken(all).description()).contains(all);
  }

  @Test
  void insufficientScopeWhenScopeMalformedThenRefused() {
    for (String bad :
        new String[] {"", " ", "a  b", " a", "a ", "a\"b", "a\\b", "\u00e9", "a\tb"}) {
      assertThatThrownBy(() -> AuthError.insufficientScope(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> AuthError.insufficientScope(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void equalsWhenSameValuesThenEqualAndSameHash() {
    assertThat(AuthError.invalidToken("x")).isEqualTo(AuthError.invalidToken("x"));
    assertThat(AuthError.invalidToken("x")).hasSameHashCodeAs(AuthError.invalidToken("x"));
    assertThat(AuthError.invalidToken("x")).isNotEqualTo(AuthError.invalidToken("y"));
    assertThat(AuthError.invalidToken("x")).isNotEqualTo(AuthError.invalidRequest("x"));
    assertThat(AuthError.insufficientScope("a")).isNotEqualTo(AuthError.insufficientScope("b"));
    assertThat(AuthError.forbidden()).isNotEqualTo(AuthError.unauthorized());
    assertThat(AuthError.forbidden()).isNotEqualTo("forbidden");
  }

  @Test
  void toStringWhenBuiltThenStatusAndCodeOnly() {
    assertThat(AuthError.invalidToken("The access token is invalid"))
        .hasToString("AuthError[401 invalid_token]");
    assertThat(AuthError.forbidden()).hasToString("AuthError[403]");
  }
}
