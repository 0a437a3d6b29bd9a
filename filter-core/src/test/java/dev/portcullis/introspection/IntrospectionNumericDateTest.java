package dev.portcullis.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 items 5 and 9: introspection reads {@code exp} and {@code nbf} as exactly as the JWT
 * path: fractions kept, an expiry never extended, a start never brought forward; a number the JSON
 * reader cannot hold is the server's malformed answer (503), never a 500.
 */
class IntrospectionNumericDateTest {
  private final FakeTime time = new FakeTime();
  private final LoopbackAs as = LoopbackAs.http();
  private AuthenticationFilter filter;

  @BeforeEach
  void start() throws Exception {
    AuthenticationFilterBuilder builder =
        AuthenticationFilter.builder().mechanisms("introspection").time(time, time);
    Fixture.settings(as.url("/introspect")).forEach(builder::set);
    filter = builder.build();
    filter.init(new FakeFilterConfig());
  }

  @AfterEach
  void stop() {
    filter.destroy();
    as.close();
  }

  private FakeResponse send(String token, String answer) throws Exception {
    as.answer(LoopbackAs.json(200, answer));
    FakeResponse response = new FakeResponse();
    filter.doFilter(
        FakeRequest.get("/api/me").header("Authorization", "Bearer " + token).build(),
        response.servlet(),
        new RecordingChain());
    return response;
  }

  private String answer(String exp, String extra) {
    return "{\"active\":true,\"sub\":\"alice\",\"aud\":\"orders\",\"exp\":" + exp + extra + "}";
  }

  private void assertAnswer(FakeResponse response, int status, String description) {
    assertThat(response.status()).isEqualTo(status);
    if (status == 401) {
      assertThat(response.headers("WWW-Authenticate"))
          .containsExactly(
              "Bearer realm=\"api\", error=\"invalid_token\", error_description=\""
                  + description
                  + "\"");
    } else {
      assertThat(response.headers("WWW-Authenticate")).isEmpty();
    }
  }

  @Test
  void doFilterWhenExpFractionalThenValidUntilItsExactInstantNotTheSecondBefore() throws Exception {
    String answer = answer(now() + ".5", "");

    assertAnswer(send("half", answer), 200, null);
    time.advance(Duration.ofMillis(499));
    assertAnswer(send("half", answer), 200, null);
    time.advance(Duration.ofMillis(1));
    assertAnswer(send("half", answer), 401, "The access token has expired");
  }

  @Test
  void doFilterWhenNbfFractionalAndAheadBeyondSkewThenNotYetValidUntilItsExactInstant()
      throws Exception {
    String answer = answer(Long.toString(now() + 300), ",\"nbf\":" + (now() + 30) + ".5");

    assertAnswer(send("early", answer), 401, "The access token is not yet valid");
    time.advance(Duration.ofMillis(499));
    assertAnswer(send("early", answer), 401, "The access token is not yet valid");
    time.advance(Duration.ofMillis(1));
    assertAnswer(send("early", answer), 200, null);
  }

  /** RFC 7519 §2 numbers in any JSON form count; anything else is the server's error, 503. */
  @Test
  void doFilterWhenExpWrittenInEachFormThenItsExactAnswer() throws Exception {
    long future = now() + 300;
    Map<String, Integer> answers = new LinkedHashMap<>();
    answers.put(new BigDecimal(future).movePointLeft(9).toPlainString() + "e9", 200);
    answers.put(new BigDecimal(future).movePointLeft(9).toPlainString() + "E+9", 200);
    answers.put(future + ".000000000000000000001", 200);
    answers.put("1.7e9", 401);
    answers.put("-0", 401);
    answers.put("1e-2000", 401);
    answers.put("-1", 503);
    answers.put("1e400", 503);
    answers.put("1e2147483648", 503);
    answers.put("\"" + future + "\"", 503);
    answers.put("true", 503);
    int i = 0;
    for (Map.Entry<String, Integer> e : answers.entrySet()) {
      FakeResponse response = send("form-" + i++, answer(e.getKey(), ""));
      assertThat(response.status()).as(e.getKey()).isEqualTo(e.getValue());
      if (e.getValue() == 503) {
        assertThat(response.header("Retry-After")).as(e.getKey()).isNotNull();
      }
    }
  }

  private long now() {
    return time.instant().getEpochSecond();
  }
}
