package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.REJECTED;
import static dev.portcullis.jwt.Fixture.authenticate;
import static dev.portcullis.jwt.Fixture.header;
import static dev.portcullis.jwt.Fixture.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.config.ConfigurationException;
import java.util.Base64;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 4: {@code jwt.sharedSecret} takes any bytes as {@code base64url:<value>} (RFC 7518
 * §3.2). The key is RFC 7520 §3.5's symmetric example key {@code
 * 018c0ae5-4d9b-471b-bfd6-eef314bc7037}.
 */
class HmacSecretTest {
  private static final String RFC7520_K = "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg";
  private Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    f.config.remove("jwksUri");
    f.config.put("algorithms", "HS256");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String token(String alg, byte[] key) {
    return sign(
        JsonUtil.toJson(header(alg, "018c0ae5-4d9b-471b-bfd6-eef314bc7037")),
        JsonUtil.toJson(f.claims()),
        alg,
        key);
  }

  private String failure() {
    return assertThatThrownBy(() -> f.authenticator().close())
        .isInstanceOf(ConfigurationException.class)
        .actual()
        .getMessage();
  }

  @Test
  void authenticateWhenSecretIsBase64urlThenItsBytesVerify() throws Exception {
    byte[] k = Base64.getUrlDecoder().decode(RFC7520_K);
    f.config.put("sharedSecret", "base64url:" + RFC7520_K);
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, token("HS256", k))).isInstanceOf(AuthResult.Authenticated.class);
      assertThat(authenticate(a, token("HS256", RFC7520_K.getBytes()))).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenSecretIsTextThenItsUtf8BytesVerifyAsBefore() throws Exception {
    f.config.put("sharedSecret", RFC7520_K);
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, token("HS256", RFC7520_K.getBytes())))
          .isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void createWhenBase64urlSecretDecodesShorterThanHashThenRefused() {
    f.config.put("algorithms", "HS384");
    f.config.put("sharedSecret", "base64url:" + RFC7520_K); // 43 characters, 32 bytes
    assertThat(failure())
        .isEqualTo(
            "Setting jwt.sharedSecret is shorter than 48 bytes, the hash length of the strongest"
                + " HS* algorithm (RFC 7518 §3.2)");
  }

  @Test
  void createWhenBase64urlSecretMalformedThenRefusedWithoutEchoingIt() {
    for (String bad :
        new String[] {
          RFC7520_K.replace('-', '+'),
          RFC7520_K + "=",
          RFC7520_K.substring(1),
          RFC7520_K.substring(0, 42) + "h",
          ""
        }) {
      f.config.put("sharedSecret", "base64url:" + bad);
      String message = failure();
      assertThat(message).as(bad).startsWith("Setting jwt.sharedSecret ");
      if (!bad.isEmpty()) {
        assertThat(message).as(bad).doesNotContain(bad.strip()).doesNotContain("hJtX");
      }
    }
  }
}
