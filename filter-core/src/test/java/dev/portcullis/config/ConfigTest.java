package dev.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  private static final String SECRET = "s3cr3t-v4lue";
  private static final Map<String, String> ENV =
      Map.of("HOST", "idp.example", "PEPPER", SECRET, "EMPTY", "");

  private static Config config(String... keyValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put(keyValues[i], keyValues[i + 1]);
    }
    return Config.of(params, ENV::get);
  }

  @Test
  void stringWhenPlaceholderThenResolved() {
    Config config = config("url", "https://${HOST}/jwks", "two", "${HOST}-${HOST}");

    assertThat(config.string("url")).contains("https://idp.example/jwks");
    assertThat(config.string("two")).contains("idp.example-idp.example");
  }

  @Test
  void stringWhenPlaceholderMissingWithDefaultThenDefault() {
    Config config = config("url", "https://${NOPE:localhost:8443}/x", "blank", "${NOPE:}");

    assertThat(config.string("url")).contains("https://localhost:8443/x");
    assertThat(config.string("blank")).isEmpty();
  }

  @Test
  void stringWhenPlaceholderSetThenDefaultIgnored() {
    assertThat(config("url", "${HOST:other}").string("url")).contains("idp.example");
  }

  @Test
  void stringWhenAlternateValueAndVariableSetThenAlternate() {
    assertThat(config("store", "${HOST:+jdbc}").string("store")).contains("jdbc");
  }

  @Test
  void stringWhenAlternateValueAndVariableMissingThenAbsent() {
    assertThat(config("store", "${NOPE:+jdbc}").string("store")).isEmpty();
  }

  @Test
  void stringWhenPlaceholderMissingThenFailsNamingKeyAndPlaceholder() {
    assertThatThrownBy(
            () -> config("jwt.jwksUri", "https://${NOPE}/x").child("jwt").string("jwksUri"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Setting jwt.jwksUri refers to [${NOPE}], which is not set");
  }

  @Test
  void stringWhenResolvedValueHasReplacementSyntaxThenLiteral() {
    Config config = Config.of(Map.of("k", "${A}"), n -> "$1\\x");

    assertThat(config.string("k")).contains("$1\\x");
  }

  @Test
  void stringWhenBlankOrAbsentThenEmptyAndTrimmedOtherwise() {
    Config config = config("blank", "   ", "padded", "  v  ");

    assertThat(config.string("blank")).isEmpty();
    assertThat(config.string("absent")).isEmpty();
    assertThat(config.string("padded")).contains("v");
  }

  @Test
  void requiredWhenAbsentThenFailsNamingFullKey() {
    assertThatThrownBy(() -> config().child("apiKey").required("file"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Missing required setting apiKey.file");
    assertThat(config("k", "v").required("k")).isEqualTo("v");
  }

  @Test
  void listWhenCommaSeparatedThenTrimmedNonEmptyItemsInOrder() {
    assertThat(config("l", " b , a,, c ,").list("l")).containsExactly("b", "a", "c");
    assertThat(config().list("l")).isEmpty();
  }

  @Test
  void boolWhenExactlyTrueOrFalseThenParsed() {
    Config config = config("t", "true", "f", "false");

    assertThat(config.bool("t", false)).isTrue();
    assertThat(config.bool("f", true)).isFalse();
    assertThat(config.bool("absent", true)).isTrue();
  }

  @Test
  void boolWhenAnythingElseThenFailsNamingKeyAndValue() {
    for (String bad : new String[] {"TRUE", "True", "yes", "1", "on", "false!"}) {
      assertThatThrownBy(() -> config("x.enabled", bad).child("x").bool("enabled", false))
          .as(bad)
          .isInstanceOf(ConfigurationException.class)
          .hasMessage("Invalid value [" + bad + "] for setting x.enabled: expected true or false");
    }
  }

  @Test
  void integerWhenWithinBoundsThenParsed() {
    Config config = config("n", "10", "min", "1", "max", "100");

    assertThat(config.integer("n", 5, 1, 100)).isEqualTo(10);
    assertThat(config.integer("min", 5, 1, 100)).isEqualTo(1);
    assertThat(config.integer("max", 5, 1, 100)).isEqualTo(100);
    assertThat(config.integer("absent", 5, 1, 100)).isEqualTo(5);
  }

  @Test
  void integerWhenOutOfBoundsThenFailsShowingBounds() {
    assertThatThrownBy(() -> config("n", "0").integer("n", 5, 1, 100))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid value [0] for setting n: expected a number from 1 to 100");
    assertThatThrownBy(() -> config("n", "101").integer("n", 5, 1, 100))
        .hasMessage("Invalid value [101] for setting n: expected a number from 1 to 100");
  }

  @Test
  void integerWhenNotAWholeNumberThenFails() {
    for (String bad : new String[] {"ten", "1.5", "99999999999", "0x10", "1_000"}) {
      assertThatThrownBy(() -> config("n", bad).integer("n", 5, 1, 100))
          .as(bad)
          .hasMessage("Invalid value [" + bad + "] for setting n: expected a whole number");
    }
  }

  @Test
  void durationWhenShortFormThenParsed() {
    Config config =
        config("ms", "500ms", "s", "30s", "m", "5m", "h", "1h", "d", "1d", "zero", "0s");

    assertThat(config.duration("ms", null)).isEqualTo(Duration.ofMillis(500));
    assertThat(config.duration("s", null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.duration("m", null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.duration("h", null)).isEqualTo(Duration.ofHours(1));
    assertThat(config.duration("d", null)).isEqualTo(Duration.ofDays(1));
    assertThat(config.duration("zero", null)).isZero();
  }

  @Test
  void durationWhenIsoThenParsed() {
    Config config = config("a", "PT30S", "b", "PT1H30M", "c", "P1D");

    assertThat(config.duration("a", null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.duration("b", null)).isEqualTo(Duration.ofMinutes(90));
    assertThat(config.duration("c", null)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void durationWhenAbsentThenDefault() {
    assertThat(config().duration("ttl", Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void durationWhenMalformedThenFailsNamingKeyAndValue() {
    for (String bad : new String[] {"soon", "30", "30 s", "5M", "1.5s", "s", "-5s", "1w"}) {
      assertThatThrownBy(() -> config("c.ttl", bad).child("c").duration("ttl", null))
          .as(bad)
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "Invalid value ["
                  + bad
                  + "] for setting c.ttl: expected a duration such as 30s, 5m, 1h or PT30S");
    }
  }

  @Test
  void durationWhenNegativeThenFails() {
    assertThatThrownBy(() -> config("ttl", "PT-5S").duration("ttl", null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid value [PT-5S] for setting ttl: must not be negative");
  }

  @Test
  void secretWhenLiteralThenReturned() {
    assertThat(config("pepper", "literal").secret("pepper")).contains("literal");
    assertThat(config().secret("pepper")).isEmpty();
  }

  @Test
  void secretWhenEnvReferenceThenResolved() {
    assertThat(config("pepper", "env:PEPPER").secret("pepper")).contains(SECRET);
  }

  @Test
  void secretWhenEnvReferenceUnsetOrEmptyThenFailsWithoutAnySecret() {
    assertThatThrownBy(() -> config("a.pepper", "env:NOPE").child("a").secret("pepper"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Setting a.pepper refers to [env:NOPE], which is not set");
    assertThatThrownBy(() -> config("pepper", "env:EMPTY").secret("pepper"))
        .hasMessage("Setting pepper refers to [env:EMPTY], which is not set");
  }

  @Test
  void secretWhenFileReferenceThenContentWithoutTrailingLineBreak(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("pepper"), SECRET + "\n", StandardCharsets.UTF_8);

    assertThat(config("pepper", "file:" + file).secret("pepper")).contains(SECRET);
  }

  @Test
  void secretWhenFileUnreadableThenFailsNamingKeyAndPathOnly(@TempDir Path dir) {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> config("pepper", "file:" + missing).secret("pepper"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Setting pepper refers to [file:" + missing + "], which cannot be read");
    assertThatThrownBy(() -> config("pepper", "file:" + dir).secret("pepper"))
        .hasMessage("Setting pepper refers to [file:" + dir + "], which cannot be read");
  }

  @Test
  void secretWhenFileIsValidButUsedWrongThenSecretNeverInMessages(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("p"), SECRET);
    Config config = config("pepper", "file:" + file, "other", "env:PEPPER");

    String secret = config.secret("pepper").orElseThrow();
    ConfigurationException invalid = config.invalid("pepper", "file:" + file, "too short");

    assertThat(secret).isEqualTo(SECRET);
    assertThat(invalid.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void invalidWhenBuiltThenNamesFullKeyAndBracketsValue() {
    assertThat(config().child("jwt").invalid("issuer", "http://x", "must use https").getMessage())
        .isEqualTo("Invalid value [http://x] for setting jwt.issuer: must use https");
  }

  @Test
  void checkAllKnownWhenEveryKeyReadThenPasses() {
    Config config = config("mechanisms", "jwt", "jwt.issuer", "https://i");
    config.string("mechanisms");
    config.child("jwt").string("issuer");

    config.checkAllKnown();
  }

  @Test
  void checkAllKnownWhenKeyNeverReadThenFailsNamingIt() {
    Config config = config("mechanisms", "jwt", "jwt.isuer", "https://i");
    config.string("mechanisms");
    config.child("jwt").string("issuer");

    assertThatThrownBy(config::checkAllKnown)
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Unknown setting [jwt.isuer]; check the spelling or the mechanisms list");
  }

  @Test
  void ofWhenKeysPaddedThenTrimmed() {
    Config config = config(" realm ", "api");

    assertThat(config.string("realm")).contains("api");
    config.checkAllKnown();
  }

  @Test
  void ofWhenTwoKeysEqualOnceTrimmedThenFailsNamingTheKey() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("realm", "a");
    params.put(" realm ", "b");

    assertThatThrownBy(() -> Config.of(params, ENV::get))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Setting realm is given twice");
  }

  @Test
  void stringWhenResolvedValueContainsPlaceholderThenNotExpandedAgain() {
    Config config = Config.of(Map.of("k", "${A}"), Map.of("A", "${B}", "B", SECRET)::get);

    assertThat(config.string("k")).contains("${B}");
  }

  @Test
  void childWhenNestedThenKeysPrefixed() {
    Config issuer = config("jwt.issuers.a.url", "u").child("jwt").child("issuers").child("a");

    assertThat(issuer.key("url")).isEqualTo("jwt.issuers.a.url");
    assertThat(issuer.string("url")).contains("u");
  }

  @Test
  void hasChildWhenKeysUnderPrefixThenTrue() {
    Config config = config("jwt.issuers.a.url", "u", "jwtx", "1");

    assertThat(config.hasChild("jwt")).isTrue();
    assertThat(config.child("jwt").hasChild("issuers")).isTrue();
    assertThat(config.hasChild("apiKey")).isFalse();
    assertThat(config.hasChild("jwtx")).isFalse();
  }

  @Test
  void ofWhenSystemLookupThenSystemPropertiesResolved() {
    System.setProperty("portcullis.test.realm", "from-property");
    try {
      assertThat(Config.of(Map.of("realm", "${portcullis.test.realm}")).string("realm"))
          .contains("from-property");
    } finally {
      System.clearProperty("portcullis.test.realm");
    }
  }

  @Test
  void ofWhenSystemLookupThenEnvironmentResolved() {
    assumeTrue(System.getenv("PATH") != null && System.getProperty("PATH") == null);

    assertThat(Config.of(Map.of("k", "[${PATH}]")).string("k"))
        .contains("[" + System.getenv("PATH") + "]");
  }

  @Test
  void stringWhenOverrideGivenThenItWinsOverParamAndChildSeesIt() {
    Config config =
        config("realm", "api", "jwt.issuer", "https://a")
            .withOverrides(k -> k.equals("jwt.issuer") ? "https://b" : null);

    assertThat(config.string("realm")).hasValue("api");
    assertThat(config.child("jwt").string("issuer")).hasValue("https://b");
  }

  @Test
  void stringWhenOverrideForKeyNotInParamsThenRead() {
    Config config = config().withOverrides(k -> k.equals("retryAfter") ? "9s" : null);

    assertThat(config.duration("retryAfter", java.time.Duration.ZERO)).hasSeconds(9);
    config.checkAllKnown();
  }
}
