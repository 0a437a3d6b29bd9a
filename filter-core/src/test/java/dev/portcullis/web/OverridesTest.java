package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.ConfigurationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Misspelt {@code portcullis.<filter>.<key>} overrides, and names that are not overrides. */
class OverridesTest {
  private static final Set<String> KNOWN =
      Set.of("mechanisms", "requiredScopes", "requiredRoles", "apiKey.file", "jwt.issuer");
  private static final List<String> FILTERS = List.of("main", "main-orders", "api");

  /** Checks {@code names}, those without {@code .} being environment variables. */
  private static void check(String filter, String... names) {
    Set<String> environment = new HashSet<>();
    for (String name : names) {
      if (name.indexOf('.') < 0) {
        environment.add(name);
      }
    }
    Overrides.check(filter, List.of(names), environment, KNOWN, FILTERS);
  }

  private static final String NEVER_READ =
      " that is never read (an environment variable's form is read only from the environment, and"
          + " only as is or upper-cased); write it as the property portcullis.main.requiredScopes"
          + " or the environment variable PORTCULLIS_MAIN_REQUIREDSCOPES";

  /**
   * MicroProfile Config reads {@code portcullis.main.requiredScopes} from the environment only as
   * {@code portcullis_main_requiredScopes} or {@code PORTCULLIS_MAIN_REQUIREDSCOPES}: a variable in
   * another case is ignored, so it is refused like a misspelt key.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "portcullis_main_requiredscopes",
        "Portcullis_Main_RequiredScopes",
        "PORTCULLIS_MAIN_requiredScopes",
        "portcullis_MAIN_REQUIREDSCOPES"
      })
  void checkWhenEnvironmentVariableInAnotherCaseThenRefusedAsNeverRead(String name) {
    assertThatThrownBy(() -> check("main", name))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Unknown setting [" + name + "], an override of filter main" + NEVER_READ);
  }

  /** A variable's form in a properties file or a system property is not mapped: never read. */
  @Test
  void checkWhenVariableFormOutsideTheEnvironmentThenRefusedAsNeverRead() {
    assertThatThrownBy(
            () ->
                Overrides.check(
                    "main", List.of("PORTCULLIS_MAIN_REQUIREDSCOPES"), Set.of(), KNOWN, FILTERS))
        .hasMessage(
            "Unknown setting [PORTCULLIS_MAIN_REQUIREDSCOPES], an override of filter main"
                + NEVER_READ);
  }

  /**
   * Property names are looked up exactly: another case of the namespace or filter is never read.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Portcullis.main.requiredScopes",
        "portcullis.Main.requiredScopes",
        "PORTCULLIS.MAIN.requiredScopes"
      })
  void checkWhenPropertyPrefixInAnotherCaseThenRefusedAsNeverRead(String name) {
    assertThatThrownBy(() -> check("main", name))
        .hasMessage("Unknown setting [" + name + "], an override of filter main" + NEVER_READ);
  }

  /** A filter whose name has a dot or differs only in case owns its own properties. */
  @Test
  void checkWhenPropertyBelongsToAnotherFilterThenLeftToIt() {
    assertThatCode(
            () ->
                Overrides.check(
                    "main",
                    List.of("portcullis.main.orders.requiredScopes", "portcullis.Main.x"),
                    Set.of(),
                    KNOWN,
                    List.of("main", "main.orders", "Main")))
        .doesNotThrowAnyException();
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
