package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.REJECTED;
import static dev.portcullis.jwt.Fixture.authenticate;
import static dev.portcullis.jwt.Fixture.b64;
import static dev.portcullis.jwt.Fixture.header;
import static dev.portcullis.jwt.Fixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SECURITY-CASES "JWT path", structure: every malformed shape is 401 invalid_token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtStructureTest {
  private Fixture f;
  private Authenticator jwt;

  @BeforeAll
  void start() throws Exception {
    f = new Fixture();
    jwt = f.authenticator();
  }

  @AfterAll
  void stop() {
    jwt.close();
    f.close();
  }

  private String h() {
    return JsonUtil.toJson(header("RS256", "k1"));
  }

  private String p() {
    return JsonUtil.toJson(f.claims());
  }

  private String signed(String header, String payload) {
    return sign(header, payload, "RS256", f.rsa.getPrivate());
  }

  private static String signedRaw(byte[] header, byte[] payload, Fixture f) {
    String input = b64(header) + "." + b64(payload);
    return input
        + "."
        + b64(
            Fixture.signature(
                input.getBytes(StandardCharsets.US_ASCII), "RS256", f.rsa.getPrivate()));
  }

  Stream<Arguments> malformed() {
    String good = f.token();
    String[] s = good.split("\\.");
    String sig = s[2];
    char last = sig.charAt(sig.length() - 1);
    // 342 characters carry 4 unused bits; flip one of them: same bytes for a lenient decoder.
    String nonCanonicalSig = sig.substring(0, sig.length() - 1) + (char) (last ^ 1);
    String deep = "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
    return Stream.of(
        Arguments.of("empty token", ""),
        Arguments.of("two segments", s[0] + "." + s[1]),
        Arguments.of("four segments", good + ".AAAA"),
        Arguments.of("trailing dot", good + "."),
        Arguments.of(
            "JWS JSON serialization",
            "{\"payload\":\"" + s[1] + "\",\"signature\":\"" + sig + "\"}"),
        Arguments.of(
            "whitespace inside a segment",
            s[0] + "." + s[1].substring(0, 4) + " " + s[1].substring(4) + "." + sig),
        Arguments.of(
            "plus character", s[0] + "." + s[1] + "." + sig.replace('-', '+').replace('_', '+')),
        Arguments.of("slash character", s[0] + "/." + s[1] + "." + sig),
        Arguments.of("equals character", s[0] + "." + s[1] + "." + sig + "=="),
        Arguments.of("question mark", s[0] + "?." + s[1] + "." + sig),
        Arguments.of("hash mark", s[0] + "." + s[1] + "#." + sig),
        Arguments.of("padding", b64(h()) + "==" + "." + s[1] + "." + sig),
        Arguments.of("non-canonical base64url", s[0] + "." + s[1] + "." + nonCanonicalSig),
        Arguments.of(
            "segment length 1 mod 4",
            s[0]
                + "."
                + s[1]
                + "."
                + sig.substring(0, sig.length() - 1 - (sig.length() - 1) % 4)
                + "A"),
        Arguments.of("1 MiB token", s[0] + "." + "A".repeat(1 << 20) + "." + sig),
        Arguments.of("header not JSON", signed("alg=RS256", p())),
        Arguments.of("payload not JSON", signed(h(), "sub=alice")),
        Arguments.of("header not an object", signed("[\"RS256\"]", p())),
        Arguments.of("payload not an object", signed(h(), "\"alice\"")),
        Arguments.of("header trailing garbage", signed(h() + "x", p())),
        Arguments.of("payload trailing garbage", signed(h(), p() + "}")),
        Arguments.of(
            "non-UTF-8 JSON", signedRaw(h().getBytes(StandardCharsets.UTF_8), nonUtf8(p()), f)),
        Arguments.of(
            "duplicate alg",
            signed("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\",\"alg\":\"RS256\"}", p())),
        Arguments.of("duplicate sub", signed(h(), p().replace("{", "{\"sub\":\"mallory\","))),
        Arguments.of(
            "deep nesting",
            signed(h(), p().replace("{", deep.substring(0, deep.length() - 1) + ","))),
        Arguments.of("10,000-deep nesting", signed(h(), "[".repeat(10_000) + "]".repeat(10_000))),
        Arguments.of("100k-element array", signed(h(), "{\"a\":[" + "1,".repeat(100_000) + "1]}")));
  }

  private static byte[] nonUtf8(String json) {
    byte[] text = json.replace("alice", "al?ce").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '?') {
        text[i] = (byte) 0xC3;
        text[i + 1] = (byte) 0x28;
        break;
      }
    }
    return text;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void authenticateWhenStructureMalformedThenInvalidToken(String name, String token)
      throws Exception {
    assertThat(authenticate(jwt, token)).as(name).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenJsonHasWhitespaceThenAccepted() throws Exception {
    String header = "{ \"alg\" : \"RS256\",\n\t\"typ\": \"at+jwt\", \"kid\": \"k1\" }";
    String payload = " " + p().replace(",", " ,\r\n ") + " ";
    assertThat(authenticate(jwt, signed(header, payload)))
        .isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenWellFormedThenAuthenticated() throws Exception {
    assertThat(authenticate(jwt, f.token())).isInstanceOf(AuthResult.Authenticated.class);
  }

  /** Found by JwtShapeFuzzTest: an exponent beyond int range made BigDecimal throw, a 500. */
  @ParameterizedTest
  @MethodSource("overflowingNumbers")
  void authenticateWhenNumberExponentOverflowsThenInvalidToken(String number) throws Exception {
    String payload = p().replace("\"scope\"", "\"x\":" + number + ",\"scope\"");

    assertThat(authenticate(jwt, signed(h(), payload))).isEqualTo(REJECTED);
  }

  static Stream<String> overflowingNumbers() {
    return Stream.of("1e2147483648", "1e-2147483649", "7771e100000077777777", "1.5E+99999999999");
  }
}
