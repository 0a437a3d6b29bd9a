package dev.portcullis.ephemeral;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthError;
import dev.portcullis.EphemeralKeys;
import dev.portcullis.Identity;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The mint resource: strict body, exact answer shape, no-store, errors as status and code. */
class EphemeralKeyResourceTest {
  static final Identity ALICE =
      Identity.builder("alice", "apiKey", "ApiKey").scopes(Set.of("a", "b")).build();

  final AtomicReference<EphemeralKeys.Request> asked = new AtomicReference<>();
  final Map<String, Object> context = new HashMap<>();
  final Map<String, Object> attributes = new HashMap<>();
  final EphemeralKeyResource resource = new EphemeralKeyResource() {};

  EphemeralKeyResourceTest() {
    context.put(
        EphemeralKeys.CONTEXT_ATTRIBUTE,
        new EphemeralKeys() {
          @Override
          public Minted mint(Identity caller, Request request) {
            asked.set(request);
            if (request.scopes() != null && request.scopes().contains("z")) {
              throw new Refused(AuthError.insufficientScope("z"));
            }
            return new Minted("ek_" + caller.getName(), Instant.ofEpochSecond(1_700_000_060));
          }

          @Override
          public Duration maxLifetime() {
            return Duration.ofMinutes(10);
          }
        });
    attributes.put(Identity.REQUEST_ATTRIBUTE, ALICE);
  }

  private HttpServletRequest request() {
    ServletContext servletContext =
        (ServletContext)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (p, m, a) ->
                    m.getName().equals("getAttribute") ? context.get((String) a[0]) : null);
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (p, m, a) ->
                switch (m.getName()) {
                  case "getServletContext" -> servletContext;
                  case "getAttribute" -> attributes.get((String) a[0]);
                  default -> null;
                });
  }

  private Response post(String body) throws Exception {
    return resource.mint(
        request(),
        body == null ? null : new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String error(Response response) {
    return ((JsonObject) response.getEntity()).getString("error");
  }

  @Test
  void mintWhenNoBodyThenDefaultsAndClientSecretShapeNoStore() throws Exception {
    Response response = post("");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeaderString("Cache-Control")).isEqualTo("no-store");
    assertThat(response.getEntity().toString())
        .isEqualTo("{\"client_secret\":{\"value\":\"ek_alice\",\"expires_at\":1700000060}}");
    assertThat(asked.get()).isEqualTo(EphemeralKeys.Request.DEFAULTS);
    assertThat(post(null).getStatus()).isEqualTo(200);
  }

  @Test
  void mintWhenEveryMemberThenPassedOn() throws Exception {
    Response response =
        post(
            "{\"scopes\":[\"a\"],\"expires_in\":3,\"single_use\":true,"
                + "\"origin\":\"https://app.example\"}");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(asked.get())
        .isEqualTo(
            new EphemeralKeys.Request(
                Set.of("a"), Duration.ofSeconds(3), true, "https://app.example"));
  }

  @Test
  void mintWhenBodyMalformedThen400InvalidRequest() throws Exception {
    for (String body :
        new String[] {
          "[]",
          "{",
          "\"x\"",
          "{\"scope\":[\"a\"]}",
          "{\"scopes\":\"a\"}",
          "{\"scopes\":[1]}",
          "{\"expires_in\":1.5}",
          "{\"expires_in\":\"60\"}",
          "{\"expires_in\":99999999999999999999999}",
          "{\"single_use\":\"true\"}",
          "{\"origin\":1}",
          "{\"scopes\":[\"" + "a".repeat(EphemeralKeyResource.MAX_BODY) + "\"]}"
        }) {
      Response response = post(body);
      assertThat(response.getStatus()).as(body).isEqualTo(400);
      assertThat(error(response)).isEqualTo("invalid_request");
      assertThat(response.getHeaderString("Cache-Control")).isEqualTo("no-store");
    }
  }

  @Test
  void mintWhenMinterRefusesThenItsStatusAndCode() throws Exception {
    Response response = post("{\"scopes\":[\"z\"]}");

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(error(response)).isEqualTo("insufficient_scope");
  }

  @Test
  void mintWhenNoIdentityThen401() throws Exception {
    attributes.clear();

    Response response = post("");

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(error(response)).isEqualTo("unauthorized");
  }

  @Test
  void mintWhenEphemeralKeysOffThen404() throws Exception {
    context.clear();

    Response response = post("");

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(error(response)).isEqualTo("not_found");
  }
}
