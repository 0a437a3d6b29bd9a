package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.ConfigurationException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Misspelt {@code portcullis.<filter>.<key>} overrides, and names that are not overrides. */
class OverridesTest {
  private static final Set<String> KNOWN =
      Set.of("mechanisms", "requiredScopes", "requiredRoles", "apiKey.file", "jwt.issuer");
  private static final List<String> FILTERS = List.of("main", "main-orders", "api");

  private static void check(String filter, String... names) {
    Overrides.check(filter, List.of(names), KNOWN, FILTERS);
  }

  @Test
  void checkWhenPropertyNamesNoKeyThenRefusedWithClosestKey() {
    assertThatThrownBy(() -> check("main", "portcullis.main.requiredScope"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Unknown setting [portcullis.main.requiredScope], an override of filter main;"
                + " did you mean requiredScopes?");
  }

  @Test
  void checkWhenPropertyKeyInWrongCaseThenRefused() {
    assertThatThrownBy(() -> check("main", "portcullis.main.apikey.file"))
        .hasMessage(
            "Unknown setting [portcullis.main.apikey.file], an override of filter main;"
                + " did you mean apiKey.file?");
  }

  @Test
  void checkWhenEnvironmentVariableNamesNoKeyThenRefusedWithClosestKey() {
    assertThatThrownBy(() -> check("main", "PORTCULLIS_MAIN_REQUIREDSCOPE"))
        .hasMessage(
            "Unknown setting [PORTCULLIS_MAIN_REQUIREDSCOPE], an override of filter main;"
                + " did you mean requiredScopes?");
    assertThatThrownBy(() -> check("main", "portcullis_main_jwt_isuer"))
        .hasMessage(
            "Unknown setting [portcullis_main_jwt_isuer], an override of filter main;"
                + " did you mean jwt.issuer?");
  }

  @Test
  void checkWhenNothingCloseThenSpellingAdvice() {
    assertThatThrownBy(() -> check("main", "portcullis.main.zzzzzzzzzzzzzzzzzzz"))
        .hasMessage(
            "Unknown setting [portcullis.main.zzzzzzzzzzzzzzzzzzz], an override of filter main;"
                + " check the spelling");
  }

  @Test
  void checkWhenOverridesNameKnownKeysThenAccepted() {
    assertThatCode(
            () ->
                check(
                    "main",
                    "portcullis.main.requiredScopes",
                    "portcullis.main.jwt.issuer",
                    "PORTCULLIS_MAIN_REQUIREDSCOPES",
                    "PORTCULLIS_MAIN_JWT_ISSUER",
                    "portcullis_main_apiKey_file"))
        .doesNotThrowAnyException();
  }

  /** The sample's own variables are read through ${...} in web.xml; they are no overrides. */
  @Test
  void checkWhenNamesOutsideTheFilterPrefixThenIgnored() {
    assertThatCode(
            () ->
                check(
                    "main",
                    "PORTCULLIS_INTROSPECTION_AUDIENCE",
                    "PORTCULLIS_RATE_LIMIT",
                    "PORTCULLIS_JWT_ISSUER",
                    "PORTCULLIS_API_KEYS_FILE",
                    "PORTCULLIS_MAINX_REQUIREDSCOPE",
                    "portcullis.mainx.requiredScope",
                    "portcullis.other.requiredScope",
                    "xportcullis.main.requiredScope",
                    "PATH"))
        .doesNotThrowAnyException();
  }

  @Test
  void checkWhenVariableBelongsToLongerFilterNameThenLeftToThatFilter() {
    assertThatCode(() -> check("main", "PORTCULLIS_MAIN_ORDERS_REQUIREDSCOPES"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> check("main-orders", "PORTCULLIS_MAIN_ORDERS_REQUIREDSCOPE"))
        .hasMessageContaining("did you mean requiredScopes?");
  }

  /** A filter named like a variable prefix owns the variables under it: they are overrides. */
  @Test
  void checkWhenFilterNamedLikeVariablePrefixThenItsVariablesAreOverrides() {
    assertThatThrownBy(() -> check("api", "PORTCULLIS_API_KEYS_FILE"))
        .hasMessage(
            "Unknown setting [PORTCULLIS_API_KEYS_FILE], an override of filter api;"
                + " check the spelling");
  }

  @Test
  void distanceWhenTranspositionThenOne() {
    assertThat(Spelling.distance("requiredsocpes", "requiredscopes")).isEqualTo(1);
    assertThat(Spelling.distance("", "abc")).isEqualTo(3);
    assertThat(Spelling.distance("kitten", "sitting")).isEqualTo(3);
  }
}
