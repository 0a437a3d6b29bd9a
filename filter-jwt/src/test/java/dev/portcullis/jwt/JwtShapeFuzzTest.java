package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.jose.ParsedToken;
import dev.portcullis.jose.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of the JWT shape gate ({@link ParsedToken}, {@link StrictJson}) and of
 * the whole {@code jwt} mechanism behind it, against the loopback JWKS of {@link Fixture}.
 *
 * <p>An input holding a zero byte is {@code header NUL payload NUL signature}: the three parts are
 * base64url-encoded into a compact token, so the fuzzer reaches the JSON parser and jose4j. Any
 * other input is the token text itself. Either way {@link ParsedToken#parse} returns or throws
 * {@link ParsedToken.BadToken}, and the authenticator answers a verdict: never another exception,
 * never a 503 while the key set is reachable.
 */
class JwtShapeFuzzTest {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static Fixture fixture;
  private static Authenticator authenticator;

  private static synchronized Authenticator authenticator() throws IOException {
    if (authenticator == null) {
      fixture = new Fixture();
      fixture.config.put("cacheMaximumSize", "1000");
      authenticator = fixture.authenticator();
    }
    return authenticator;
  }

  @AfterAll
  static synchronized void stop() {
    if (authenticator != null) {
      authenticator.close();
      fixture.close();
    }
  }

  @FuzzTest(maxDuration = "2m")
  void authenticateWhenTokenIsArbitraryThenVerdictOrBadToken(byte[] input) throws Exception {
    String token = token(input);
    try {
      ParsedToken parsed = ParsedToken.parse(token);
      assertThat(parsed.header()).containsKey("alg");
    } catch (ParsedToken.BadToken e) {
      assertThat(e.getMessage()).isNotEmpty();
    }
    AuthResult result = authenticator().authenticate(Fixture.request(token));
    assertThat(result).isNotNull();
  }

  /** The token an input stands for (see the class comment). */
  static String token(byte[] input) {
    int first = indexOfZero(input, 0);
    if (first < 0) {
      return new String(input, StandardCharsets.UTF_8);
    }
    int second = indexOfZero(input, first + 1);
    int end = second < 0 ? input.length : second;
    byte[] header = Arrays.copyOfRange(input, 0, first);
    byte[] payload = Arrays.copyOfRange(input, first + 1, end);
    byte[] signature =
        second < 0 ? new byte[0] : Arrays.copyOfRange(input, second + 1, input.length);
    return B64.encodeToString(header)
        + "."
        + B64.encodeToString(payload)
        + "."
        + B64.encodeToString(signature);
  }

  private static int indexOfZero(byte[] input, int from) {
    for (int i = from; i < input.length; i++) {
      if (input[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
