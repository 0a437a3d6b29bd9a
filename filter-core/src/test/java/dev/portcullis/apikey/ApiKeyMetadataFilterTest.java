package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.LogCapture;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key's metadata through the whole filter: on the identity as attributes (for tenant routing) and
 * in the audit line of the accepted request, with the key's fingerprint and never the key.
 */
class ApiKeyMetadataFilterTest {
  private static final String KEY = ApiKeyFormat.generate("sk_live_");
  private static final String ID = new ApiKeyFormat(List.of("sk_live_")).idOf(KEY).orElseThrow();

  @TempDir Path dir;
  private final FakeTime time = new FakeTime();
  private final LogCapture log = LogCapture.start();
  private AuthenticationFilter filter;

  @BeforeEach
  void setUp() throws Exception {
    Path keys = dir.resolve("keys.properties");
    Files.writeString(
        keys,
        ApiKeyFilterTest.ALICE_LINE
            + "\n"
            + ID
            + "=hash="
            + ApiKeyHasher.sha256().hash(KEY)
            + ";principal=ci;scopes=models:read;name=CI \"deploys\";tenant=acme;environment=prod"
            + ";meta.team=payments;meta.plan=pro\n");
    filter = AuthenticationFilter.builder().time(time, time).build();
    Initializing.initialize(
        filter,
        new FakeFilterConfig()
            .param("mechanisms", "apiKey")
            .param("apiKey.prefixes", "sk_live_,pc_")
            .param("apiKey.file", keys.toString()));
    log.clear();
  }

  @AfterEach
  void stop() {
    log.close();
  }

  private Identity identity(String key) throws Exception {
    RecordingChain chain = new RecordingChain();
    FakeResponse response = new FakeResponse();
    filter.doFilter(
        FakeRequest.get("/api/me").remoteAddr("192.0.2.7").header("X-API-Key", key).build(),
        response.servlet(),
        chain);
    assertThat(response.status()).isEqualTo(200);
    return (Identity)
        ((HttpServletRequest) chain.request()).getAttribute(Identity.REQUEST_ATTRIBUTE);
  }

  @Test
  void doFilterWhenKeyHasMetadataThenIdentityAttributesForTenantRouting() throws Exception {
    Identity identity = identity(KEY);

    assertThat(identity.attributes())
        .containsExactly(
            Map.entry(ApiKeyAttributes.KEY_ID, ID),
            Map.entry(ApiKeyAttributes.NAME, "CI \"deploys\""),
            Map.entry(ApiKeyAttributes.TENANT, "acme"),
            Map.entry(ApiKeyAttributes.ENVIRONMENT, "prod"),
            Map.entry(ApiKeyAttributes.METADATA, Map.of("plan", "pro", "team", "payments")));
    assertThat(identity.attributes().get("tenant")).isEqualTo("acme");
  }

  @Test
  void doFilterWhenKeyWithoutMetadataThenOnlyKeyIdAttribute() throws Exception {
    assertThat(identity(ApiKeyFilterTest.ALICE).attributes())
        .containsExactly(Map.entry("keyId", "ec1903ce1d43aa67"));
  }

  @Test
  void doFilterWhenAcceptedThenDebugAuditLineWithFingerprintAndMetadataNeverTheKey()
      throws Exception {
    identity(KEY);

    assertThat(log.lines())
        .containsExactly(
            "FINE dev.portcullis.audit: event=accepted filter=test mechanism=apiKey credential=sha256:"
                + Fingerprint.forLog(Fingerprint.of(ApiKeyHasher.sha256().hash(KEY)))
                + " principal=\"ci\" keyId=\""
                + ID
                + "\" keyName=\"CI %22deploys%22\" tenant=\"acme\" environment=\"prod\""
                + " meta.plan=\"pro\" meta.team=\"payments\" client=192.0.2.7 path=/api/me");
    assertThat(String.join("\n", log.lines())).doesNotContain(KEY.substring(8));
  }
}
