package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator.Claim;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 18: operator prefixes, the CRC-32 checksum checked before any hashing or lookup. */
class ApiKeyChecksumTest {
  final FakeTime time = new FakeTime();
  final AtomicInteger lookups = new AtomicInteger();
  final String key = ApiKeyFormat.generate("acme_test_");
  final ApiKeyFormat format = new ApiKeyFormat(List.of("acme_test_", "pc_"));
  final ApiKeyHasher sha256 = ApiKeyHasher.sha256();
  final ApiKeyStore store =
      id -> {
        lookups.incrementAndGet();
        return Optional.of(
            ApiKeyFile.parse(id, "hash=" + sha256.hash(key) + ";principal=alice;scopes=a"));
      };
  final VerdictCache cache =
      VerdictCache.builder(ApiKeyAuthenticator.INVALID)
          .maximumSize(100)
          .positiveTtl(Duration.ofMinutes(5))
          .negativeTtl(Duration.ofSeconds(30))
          .time(time, time)
          .build();
  final ApiKeyAuthenticator authenticator =
      new ApiKeyAuthenticator(
          "api",
          format,
          new ApiKeyTransports(List.of("X-API-Key"), true, false, null),
          store,
          sha256,
          StoredKeyVerifier.cached(store, cache, time),
          time);

  private AuthResult authenticate(String key) throws Exception {
    return authenticator.authenticate(
        new AuthenticationRequest(FakeRequest.get("/").header("X-API-Key", key).build(), null));
  }

  @Test
  void authenticateWhenKeyWithPrefixAndChecksumThenAuthenticated() throws Exception {
    assertThat(authenticate(key)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(lookups).hasValue(1);
  }

  @Test
  void authenticateWhenAnyOneCharacterChangedThenNoLookupAndNoCacheEntry() throws Exception {
    for (int i = "acme_test_".length(); i < key.length(); i++) {
      char c = key.charAt(i);
      String typo = key.substring(0, i) + (c == 'a' ? 'b' : 'a') + key.substring(i + 1);
      assertThat(authenticate(typo)).isEqualTo(AuthResult.rejected(ApiKeyAuthenticator.INVALID));
    }
    assertThat(lookups).hasValue(0);
    assertThat(cache.size()).isZero();
  }

  @Test
  void idOfWhenFirstFormatAndPcPrefixConfiguredThenStillRead() {
    String old = "pc_ec1903ce1d43aa67_x4KAVCkXNzQ9xRSIDuZyqh882eJ7vldJFvy0Az7coek";

    assertThat(format.idOf(old)).contains("ec1903ce1d43aa67");
    assertThat(new ApiKeyFormat(List.of("acme_test_")).idOf(old)).isEmpty();
  }

  @Test
  void checksumWhenKnownInputThenSixBase62Digits() {
    // CRC-32("123456789") = 0xCBF43926 = 3421780262 in base 62
    assertThat(ApiKeyFormat.checksum("123456789")).isEqualTo("3jZRME");
    assertThat(ApiKeyFormat.checksum("")).isEqualTo("000000");
  }

  @Test
  void scannerPatternWhenPrefixThenMatchesKeysOfThatPrefixOnly() {
    String pattern = ApiKeyFormat.scannerPattern("acme_test_");

    assertThat(("x " + key + " y")).containsPattern(pattern);
    assertThat(ApiKeyFormat.generate("acme_live_")).doesNotContainPattern(pattern);
    assertThat(ApiKeyFormat.scannerPattern("sk-proj-")).startsWith("\\bsk\\-proj\\-[0-9a-f]{16}");
  }

  @Test
  void claimsWhenConfiguredPrefixThenOwnsUnderAnyScheme() {
    assertThat(authenticator.claims("Bearer", key)).isEqualTo(Claim.OWNS);
    assertThat(authenticator.claims("Bearer", "acme_test_truncated")).isEqualTo(Claim.OWNS);
    assertThat(authenticator.claims("Bearer", "eyJhbGciOi.x.y")).isEqualTo(Claim.NEVER);
    assertThat(authenticator.claims("ApiKey", "anything")).isEqualTo(Claim.MAYBE);
    assertThat(authenticator.schemes()).containsExactlyInAnyOrder("ApiKey", "Bearer");
  }
}
