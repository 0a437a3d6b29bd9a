package dev.portcullis.dpop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.AuthError;
import dev.portcullis.Fingerprint;
import dev.portcullis.RequestAttributes;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Config;
import dev.portcullis.grid.Grid;
import dev.portcullis.grid.GridStatus;
import dev.portcullis.grid.GridUnavailableException;
import dev.portcullis.testing.DpopProofMaker;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replay step against the grid: shared marks, a lost grid, the same request seen twice. */
class DpopProofsTest {
  private static final String URI = "https://api.example/api/orders";

  private final FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
  private final DpopSettings settings =
      DpopSettings.from(Config.of(Map.of("dpop.enabled", "true"), n -> null).child("dpop"));
  private DpopProofMaker client;
  private String token;

  @BeforeEach
  void setUp() throws Exception {
    client = DpopProofMaker.es256();
    token = "dpop." + client.thumbprint();
    client.token(token).uri(URI).issued(time.instant());
  }

  private static HttpServletRequest request(String proof) {
    return FakeRequest.get("/api/orders")
        .secure(true)
        .host("api.example", 443)
        .header("DPoP", proof)
        .build();
  }

  @Test
  void checkWhenTwoCheckersShareOneGridThenAProofIsUsedOnce() throws Exception {
    Grid grid = Grid.local(time);
    DpopProofs nodeA = new DpopProofs(settings, time, time, grid);
    DpopProofs nodeB = new DpopProofs(settings, time, time, grid);
    String proof = client.make();

    assertThat(nodeA.check(request(proof), Fingerprint.of(token), client.thumbprint()).refusal())
        .isNull();
    AuthError replayed =
        nodeB.check(request(proof), Fingerprint.of(token), client.thumbprint()).refusal();
    assertThat(replayed.code()).contains("invalid_dpop_proof");
    assertThat(replayed.description()).contains("The DPoP proof was already used");
  }

  @Test
  void checkWhenTwoKeysHeadersShareTheirCacheKeyThenEachProofIsCheckedWithItsOwnKey()
      throws Exception {
    DpopProofMaker other = DpopProofMaker.es256().token(token).uri(URI).issued(time.instant());
    sameCacheKey(client, other);
    DpopProofs proofs = new DpopProofs(settings, time, time, Grid.local(time));

    for (DpopProofMaker maker : new DpopProofMaker[] {client, other, client, other}) {
      assertThat(proofs.check(request(maker.make()), Fingerprint.of(token), maker.thumbprint()))
          .extracting(DpopProofs.Checked::refusal)
          .isNull();
    }
  }

  /**
   * Gives both makers a {@code pad} header member such that their header segments differ but have
   * the same length and CRC-32C, the header cache's key (a birthday search: about 2^16 each).
   */
  private static void sameCacheKey(DpopProofMaker a, DpopProofMaker b) {
    Map<Long, String> pads = new java.util.HashMap<>();
    String jsonA = json(a);
    for (int i = 0; i < 1 << 17; i++) {
      pads.put(key(withPad(jsonA, i)), pad(i));
    }
    String jsonB = json(b);
    for (int i = 0; i < 1 << 22; i++) {
      String mine = pads.get(key(withPad(jsonB, i)));
      if (mine != null) {
        b.pad(pad(i));
        a.pad(mine);
        assertThat(a.headerSegment())
            .hasSameSizeAs(b.headerSegment())
            .isNotEqualTo(b.headerSegment());
        assertThat(key(a.headerSegment())).isEqualTo(key(b.headerSegment()));
        return;
      }
    }
    throw new AssertionError("no two headers with one cache key");
  }

  /**
   * Pad number {@code i}: 8 letters and digits. CRC-32C is linear, so pads that vary in fewer bits
   * (such as decimal numbers) may never reach a collision; these vary in enough.
   */
  private static String pad(int i) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    java.util.Random random = new java.util.Random(i);
    StringBuilder pad = new StringBuilder();
    for (int k = 0; k < 8; k++) {
      pad.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return pad.toString();
  }

  /** The maker's header as JSON, with pad 0. */
  private static String json(DpopProofMaker maker) {
    return new String(
        java.util.Base64.getUrlDecoder().decode(maker.pad(pad(0)).headerSegment()), UTF_8);
  }

  /** A header segment with pad {@code i}, without Nimbus (too slow for 2^17 of them). */
  private static String withPad(String json, int i) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.replace(pad(0), pad(i)).getBytes(UTF_8));
  }

  private static long key(String segment) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(segment.getBytes(UTF_8));
    return crc.getValue() << Integer.SIZE | segment.length();
  }

  @Test
  void checkWhenTheSameRequestIsCheckedAgainThenAccepted() throws Exception {
    DpopProofs proofs = new DpopProofs(settings, time, time, Grid.local(time));
    HttpServletRequest request = request(client.make());

    DpopProofs.Checked first = proofs.check(request, Fingerprint.of(token), client.thumbprint());
    assertThat(first.refusal()).isNull();
    // the filter records the accepted proof; checking writes nothing on the request
    assertThat(request.getAttribute(RequestAttributes.DPOP_PROOF_ACCEPTED)).isNull();
    request.setAttribute(RequestAttributes.DPOP_PROOF_ACCEPTED, first.mark());

    assertThat(proofs.check(request, Fingerprint.of(token), client.thumbprint()).refusal())
        .isNull();
  }

  @Test
  void checkWhenTheMarkExpiredAndProofStaleThenNotFresh() throws Exception {
    DpopProofs proofs = new DpopProofs(settings, time, time, Grid.local(time));
    String proof = client.make();
    assertThat(proofs.check(request(proof), Fingerprint.of(token), client.thumbprint()).refusal())
        .isNull();
    time.advance(Duration.ofSeconds(66));

    assertThat(
            proofs
                .check(request(proof), Fingerprint.of(token), client.thumbprint())
                .refusal()
                .description())
        .contains("The DPoP proof is not fresh");
  }

  @Test
  void checkWhenHeaderSeenBeforeAndPayloadTamperedThenRefusedAsMalformedOrBadSignature()
      throws Exception {
    DpopProofs proofs = new DpopProofs(settings, time, time, Grid.local(time));
    String good = client.make();
    assertThat(proofs.check(request(good), Fingerprint.of(token), client.thumbprint()).refusal())
        .isNull();
    String[] parts = client.make().split("\\.");

    String notBase64 = parts[0] + ".%%%." + parts[2];
    String otherClaims = parts[0] + ".eyJhIjoxfQ." + parts[2];
    assertThat(
            proofs.check(request(notBase64), Fingerprint.of(token), client.thumbprint()).refusal())
        .isSameAs(DpopErrors.MALFORMED);
    assertThat(
            proofs
                .check(request(otherClaims), Fingerprint.of(token), client.thumbprint())
                .refusal())
        .isSameAs(DpopErrors.SIGNATURE);
  }

  @Test
  void checkWhenGridUnavailableThenServiceUnavailable() throws Exception {
    DpopProofs proofs = new DpopProofs(settings, time, time, new LostGrid());

    assertThatThrownBy(
            () -> proofs.check(request(client.make()), Fingerprint.of(token), client.thumbprint()))
        .isInstanceOf(ServiceUnavailableException.class);
  }

  /** A grid whose cluster is lost. */
  private static final class LostGrid implements Grid {
    @Override
    public boolean firstUse(String space, String key, Duration ttl) {
      throw new GridUnavailableException("lost", null);
    }

    @Override
    public void publish(String channel, String message) {
      throw new GridUnavailableException("lost", null);
    }

    @Override
    public Subscription subscribe(String channel, Consumer<String> listener) {
      throw new GridUnavailableException("lost", null);
    }

    @Override
    public Optional<javax.cache.Cache<String, byte[]>> jcache(String name) {
      return Optional.empty();
    }

    @Override
    public GridStatus status() {
      return new GridStatus(true, false, 0, false);
    }
  }
}
