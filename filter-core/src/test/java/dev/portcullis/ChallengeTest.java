package dev.portcullis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChallengeTest {
  private final Challenge bearer = new Challenge("Bearer", "api");

  @Test
  void renderWhenPlainThenSchemeAndRealm() {
    assertThat(bearer.render()).isEqualTo("Bearer realm=\"api\"");
    assertThat(new Challenge("ApiKey", "orders service").render())
        .isEqualTo("ApiKey realm=\"orders service\"");
  }

  @Test
  void renderWhenInvalidRequestThenErrorAndDescription() {
    assertThat(bearer.render(AuthError.invalidRequest("Two credentials")))
        .isEqualTo(
            "Bearer realm=\"api\", error=\"invalid_request\","
                + " error_description=\"Two credentials\"");
  }

  @Test
  void renderWhenInvalidTokenThenErrorAndDescription() {
    assertThat(bearer.render(AuthError.invalidToken("The access token expired")))
        .isEqualTo(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token expired\"");
  }

  @Test
  void renderWhenInvalidTokenWithoutDescriptionThenOnlyError() {
    assertThat(bearer.render(AuthError.invalidToken(null)))
        .isEqualTo("Bearer realm=\"api\", error=\"invalid_token\"");
  }

  @Test
  void renderWhenInsufficientScopeThenErrorAndScope() {
    assertThat(bearer.render(AuthError.insufficientScope("orders:write")))
        .isEqualTo("Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders:write\"");
  }

  @Test
  void renderWhenErrorHasNoCodeThenPlain() {
    assertThat(bearer.render(AuthError.unauthorized())).isEqualTo("Bearer realm=\"api\"");
    assertThat(bearer.render(AuthError.forbidden())).isEqualTo("Bearer realm=\"api\"");
  }

  @Test
  void constructorWhenSchemeNotATokenThenRefused() {
    for (String bad : new String[] {"", "Bea rer", "Bearer,", "Bear\"er", "B\u00e9arer", "a=b"}) {
      assertThatThrownBy(() -> new Challenge(bad, "api"))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Scheme is not an RFC 9110 token");
    }
  }

  @Test
  void constructorWhenSchemeUsesEveryTokenCharacterThenAccepted() {
    assertThat(new Challenge("aZ09!#$%&'*+-.^_`|~", "api").scheme())
        .isEqualTo("aZ09!#$%&'*+-.^_`|~");
  }

  @Test
  void constructorWhenRealmNotHeaderSafeThenRefused() {
    for (String bad : new String[] {"a\"b", "a\\b", "r\u00e9alm", "a\r\nb", "a\tb", "\u007f"}) {
      assertThatThrownBy(() -> new Challenge("Bearer", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Realm must be printable ASCII without '\"' or '\\'");
    }
  }

  @Test
  void constructorWhenNullThenRefused() {
    assertThatThrownBy(() -> new Challenge(null, "api")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Challenge("Bearer", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void renderWhenResourceMetadataThenLastParameter() {
    Challenge withMetadata = bearer.withResourceMetadata("https://rs.example/.well-known/x");

    assertThat(withMetadata.render())
        .isEqualTo("Bearer realm=\"api\", resource_metadata=\"https://rs.example/.well-known/x\"");
    assertThat(withMetadata.render(AuthError.invalidToken("The access token is invalid")))
        .isEqualTo(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token is invalid\","
                + " resource_metadata=\"https://rs.example/.well-known/x\"");
  }

  @Test
  void constructorWhenResourceMetadataNotHeaderSafeThenRefused() {
    assertThatThrownBy(() -> bearer.withResourceMetadata("https://x/\""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bearer.withResourceMetadata(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
