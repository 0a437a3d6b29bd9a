package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key admin API at {@code /api/admin/keys} as the integration tests drive it, the same on the
 * key file and on PostgreSQL: rotation with a 5-second grace period, last use after a flush,
 * disable and enable, and refusals without the role or without credentials.
 */
final class KeyAdmin {
  static final String KEYS = "/api/admin/keys";
  static final String INVALID_KEY =
      "ApiKey realm=\"api\", error=\"invalid_token\", error_description=\"The API key is invalid\"";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private final Http http;
  private final String adminKey;

  /** A client of the admin API with a key holding the role {@code admin}. */
  KeyAdmin(Http http, String adminKey) {
    this.http = http;
    this.adminKey = adminKey;
  }

  /** The key and id of a new key for {@code principal}. */
  record Made(String id, String key) {}

  Made create(String principal) throws Exception {
    HttpResponse<String> response =
        http.json(
            "POST",
            KEYS,
            "{\"principal\":\"" + principal + "\",\"scopes\":[\"orders:read\"]}",
            "X-API-Key",
            adminKey);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    Made made = new Made(member(response.body(), "id"), member(response.body(), "key"));
    assertThat(response.headers().firstValue("Location")).get().asString().endsWith(made.id());
    assertThat(response.body()).contains("\"state\":\"active\"").doesNotContain("sha256");
    assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
    return made;
  }

  void rotateWhenGraceFiveSecondsThenBothWorkThenOnlyTheNewOne() throws Exception {
    Made old = create("rotating");
    assertThat(me(old.key()).statusCode()).isEqualTo(200);

    HttpResponse<String> rotated =
        http.json("POST", KEYS + "/" + old.id() + "/rotate", "{\"grace\":\"5s\"}", key());

    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
    assertThat(rotated.headers().allValues("Cache-Control")).containsExactly("no-store");
    String fresh = member(rotated.body(), "key");
    assertThat(rotated.body()).contains("\"principal\":\"rotating\"");
    assertThat(me(old.key()).statusCode()).isEqualTo(200);
    assertThat(me(fresh).statusCode()).isEqualTo(200);
    HttpResponse<String> after = pollWhile(old.key(), 200);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.headers().allValues("WWW-Authenticate")).containsExactly(INVALID_KEY);
    assertThat(me(fresh).statusCode()).isEqualTo(200);
  }

  void listWhenKeyUsedThenLastUsedAppearsAfterFlush() throws Exception {
    Made made = create("used");
    assertThat(listed(made.id())).contains("\"lastUsed\":null");

    assertThat(me(made.key()).statusCode()).isEqualTo(200);

    Instant deadline = Instant.now().plus(DEADLINE);
    String entry = listed(made.id());
    while (entry.contains("\"lastUsed\":null") && Instant.now().isBefore(deadline)) {
      Thread.sleep(200); // poll interval for the 1 s flush, not a wait for it
      entry = listed(made.id());
    }
    assertThat(entry).matches(".*\"lastUsed\":\"20\\d\\d-.*").doesNotContain("hash");
  }

  void patchWhenDisabledThenRefusedAndWhenEnabledThenAcceptedAgain() throws Exception {
    Made made = create("paused");
    assertThat(me(made.key()).statusCode()).isEqualTo(200);

    HttpResponse<String> disabled = patch(made.id(), "{\"disabled\":true}");
    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(disabled.body()).contains("\"state\":\"disabled\"");
    HttpResponse<String> refused = me(made.key());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly(INVALID_KEY);

    assertThat(patch(made.id(), "{\"disabled\":false}").body()).contains("\"state\":\"active\"");
    assertThat(me(made.key()).statusCode()).isEqualTo(200);
  }

  void everyOperationWhenRoleMissingThen403AndWithoutCredentialsThen401(String userKey)
      throws Exception {
    Made made = create("target");
    List<String[]> operations =
        List.of(
            new String[] {"GET", KEYS, ""},
            new String[] {"POST", KEYS, "{\"principal\":\"x\"}"},
            new String[] {"POST", KEYS + "/" + made.id() + "/rotate", "{\"grace\":\"1s\"}"},
            new String[] {"PATCH", KEYS + "/" + made.id(), "{\"disabled\":true}"},
            new String[] {"DELETE", KEYS + "/" + made.id(), ""});
    for (String[] op : operations) {
      HttpResponse<String> forbidden = http.json(op[0], op[1], op[2], "X-API-Key", userKey);
      assertThat(forbidden.statusCode()).as(op[0] + " " + op[1]).isEqualTo(403);
      assertThat(forbidden.body()).isEqualTo("{\"error\":\"forbidden\"}");
      HttpResponse<String> anonymous = http.json(op[0], op[1], op[2]);
      assertThat(anonymous.statusCode()).as(op[0] + " " + op[1]).isEqualTo(401);
      assertThat(anonymous.headers().allValues("WWW-Authenticate")).isNotEmpty();
    }
    assertThat(me(made.key()).statusCode()).isEqualTo(200);
  }

  void deleteWhenKeyRevokedThenRefusedAndUnknownIdIsProblem() throws Exception {
    Made made = create("leaving");
    assertThat(me(made.key()).statusCode()).isEqualTo(200);

    HttpResponse<String> revoked = http.send("DELETE", KEYS + "/" + made.id(), key());

    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(revoked.body()).contains("\"state\":\"revoked\"");
    assertThat(me(made.key()).statusCode()).isEqualTo(401);
    HttpResponse<String> unknown = http.send("DELETE", KEYS + "/ffffffffffffffff", key());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(unknown.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"No key with id ffffffffffffffff\"}");
  }

  /** The entry of one key in a page of the list that starts with it. */
  private String listed(String id) throws Exception {
    String before = String.format("%016x", Long.parseUnsignedLong(id, 16) - 1);
    HttpResponse<String> list = http.send("GET", KEYS + "?limit=1&after=" + before, key());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().allValues("Cache-Control")).containsExactly("no-store");
    Matcher m = Pattern.compile("\\{\"id\":\"" + id + "\"[^}]*}").matcher(list.body());
    assertThat(m.find()).as("key %s listed", id).isTrue();
    return m.group();
  }

  private HttpResponse<String> patch(String id, String body) throws Exception {
    return http.json("PATCH", KEYS + "/" + id, body, key());
  }

  private String[] key() {
    return new String[] {"X-API-Key", adminKey};
  }

  HttpResponse<String> me(String key) throws Exception {
    return http.send("GET", "/api/me", "X-API-Key", key);
  }

  /** Sends the key until the status is no longer {@code status} or the deadline passes. */
  HttpResponse<String> pollWhile(String key, int status) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    HttpResponse<String> response = me(key);
    while (response.statusCode() == status && Instant.now().isBefore(deadline)) {
      Thread.sleep(100); // poll interval, not a wait for the grace period
      response = me(key);
    }
    return response;
  }

  static String member(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1);
  }
}
