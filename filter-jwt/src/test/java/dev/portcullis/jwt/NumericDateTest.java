package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.EXPIRED;
import static dev.portcullis.jwt.Fixture.REJECTED;
import static dev.portcullis.jwt.Fixture.authenticate;
import static dev.portcullis.jwt.Fixture.header;
import static dev.portcullis.jwt.Fixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 16 item 5: NumericDate may be fractional (RFC 7519 §2) and is compared exactly. */
class NumericDateTest {
  private Fixture f;
  private long now;
  private int serial;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    now = f.time.instant().getEpochSecond();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  /** A fresh authenticator (no cached verdicts), with one claim as raw JSON number text. */
  private AuthResult raw(String claim, String number) throws Exception {
    Map<String, Object> c = f.claims();
    c.put(claim, 0);
    c.put("jti", "id-" + serial++);
    String payload =
        JsonUtil.toJson(c).replaceFirst("\"" + claim + "\":0", "\"" + claim + "\":" + number);
    String token =
        sign(JsonUtil.toJson(header("RS256", "k1")), payload, "RS256", f.rsa.getPrivate());
    try (Authenticator a = f.authenticator()) {
      return authenticate(a, token);
    }
  }

  @Test
  void authenticateWhenExpFractionalThenValidUntilThatInstantExactly() throws Exception {
    AuthResult ok = raw("exp", (now + 300) + ".5");
    assertThat(ok).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(((AuthResult.Authenticated) ok).identity().expiresAt())
        .contains(Instant.ofEpochSecond(now + 300, 500_000_000));
    assertThat(raw("exp", now + ".5")).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(raw("exp", now + ".000000001")).isInstanceOf(AuthResult.Authenticated.class);
    // below the clock's nanosecond the expiry is rounded down, never up: expired already
    assertThat(raw("exp", now + ".0000000000000000001")).isEqualTo(EXPIRED);
    f.time.advance(Duration.ofMillis(499));
    assertThat(raw("exp", now + ".5")).isInstanceOf(AuthResult.Authenticated.class);
    f.time.advance(Duration.ofMillis(1));
    assertThat(raw("exp", now + ".5")).isEqualTo(EXPIRED);
    assertThat(raw("exp", now + ".4999999999")).isEqualTo(EXPIRED);
    assertThat(raw("exp", now + ".500000001")).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenExpHasMoreThanNanosecondDigitsThenExpiryRoundedDown() throws Exception {
    AuthResult ok = raw("exp", (now + 300) + ".9999999999");
    assertThat(((AuthResult.Authenticated) ok).identity().expiresAt())
        .contains(Instant.ofEpochSecond(now + 300, 999_999_999));
  }

  @Test
  void authenticateWhenNbfOrIatFractionalThenComparedExactlyWithSkew() throws Exception {
    assertThat(raw("nbf", (now + 60) + ".5")).isEqualTo(REJECTED);
    assertThat(raw("nbf", (now + 59) + ".5")).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(raw("iat", (now + 60) + ".000001")).isEqualTo(REJECTED);
    assertThat(raw("iat", (now - 1) + ".25")).isInstanceOf(AuthResult.Authenticated.class);
    f.time.advance(Duration.ofMillis(500));
    assertThat(raw("nbf", (now + 60) + ".5")).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenNumericDateInExponentFormThenAccepted() throws Exception {
    String digits = String.valueOf(now + 300);
    String mantissa =
        digits.charAt(0) + "." + digits.substring(1) + "5e" + (digits.length() - 1); // x.y5e9
    assertThat(raw("exp", mantissa)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(raw("exp", digits + "5E-1")).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(raw("exp", (now + 300) + ".0")).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenNumericDateNegativeHugeTinyOrNotANumberThenInvalidToken() throws Exception {
    for (String bad :
        new String[] {
          "-0.5",
          "-1",
          "1e400",
          "1E+60",
          "1e-200",
          "253402300799.5",
          "99999999999999999999.5",
          "\"" + (now + 300) + ".5\"",
          "[1]",
          "null",
          "true"
        }) {
      assertThat(raw("exp", bad)).as(bad).isEqualTo(REJECTED);
    }
    assertThat(raw("nbf", "-0.1")).isEqualTo(REJECTED);
    assertThat(raw("iat", "1e999")).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenMaxLifetimeAndFractionalExpThenExactlyBounded() throws Exception {
    f.config.put("maxLifetime", "300s");
    assertThat(raw("exp", (now + 300) + ".0")).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(raw("exp", (now + 300) + ".001")).isEqualTo(REJECTED);
  }
}
