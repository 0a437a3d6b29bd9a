package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {
  final FakeTime time = new FakeTime();
  final AtomicInteger lookups = new AtomicInteger();
  boolean down;

  final ApiKeyStore store =
      id -> {
        lookups.incrementAndGet();
        if (down) {
          throw new ServiceUnavailableException("key store down");
        }
        return id.equals("ec1903ce1d43aa67")
            ? Optional.of(ApiKeyFile.parse(id, ApiKeyFilterTest.ALICE_LINE.substring(17)))
            : Optional.empty();
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
          new ApiKeyFormat(List.of("pc_")),
          new ApiKeyTransports(List.of("X-API-Key"), false, false, null),
          store,
          ApiKeyHasher.sha256(),
          StoredKeyVerifier.cached(store, cache, time),
          time);

  private AuthResult authenticate(String key) throws ServiceUnavailableException {
    return authenticator.authenticate(
        new AuthenticationRequest(FakeRequest.get("/").header("X-API-Key", key).build(), null));
  }

  @Test
  void authenticateWhenSameBadKeyRepeatedThenOneStoreLookup() throws Exception {
    String bad = "pc_0123456789abcdef_" + "A".repeat(43);
    for (int i = 0; i < 50; i++) {
      assertThat(authenticate(bad)).isEqualTo(AuthResult.rejected(ApiKeyAuthenticator.INVALID));
    }
    assertThat(lookups).hasValue(1);
  }

  @Test
  void authenticateWhenRandomKeyFloodThenCacheStaysBounded() throws Exception {
    for (int i = 0; i < 5_000; i++) {
      authenticate(ApiKeyFormat.generate("pc_"));
    }
    assertThat(cache.size()).isLessThanOrEqualTo(100);
  }

  @Test
  void authenticateWhenMalformedKeyThenNoHashingOrLookup() throws Exception {
    assertThat(authenticate("pc_short"))
        .isEqualTo(AuthResult.rejected(ApiKeyAuthenticator.INVALID));
    assertThat(authenticate("ключ")).isEqualTo(AuthResult.rejected(ApiKeyAuthenticator.INVALID));
    assertThat(lookups).hasValue(0);
    assertThat(cache.size()).isZero();
  }

  @Test
  void authenticateWhenStoreDownThenUnavailableAndNothingCached() {
    down = true;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> authenticate(ApiKeyFilterTest.ALICE))
        .isInstanceOf(ServiceUnavailableException.class);
    down = false;
    try {
      assertThat(authenticate(ApiKeyFilterTest.ALICE)).isInstanceOf(AuthResult.Authenticated.class);
    } catch (ServiceUnavailableException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void authenticateWhenStoreDownButKeyCachedThenStillAuthenticated() throws Exception {
    assertThat(authenticate(ApiKeyFilterTest.ALICE)).isInstanceOf(AuthResult.Authenticated.class);
    down = true;
    assertThat(authenticate(ApiKeyFilterTest.ALICE)).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenNegativeTtlPassesThenLookedUpAgain() throws Exception {
    String bad = "pc_0123456789abcdef_" + "B".repeat(43);
    authenticate(bad);
    time.advance(Duration.ofSeconds(31));
    authenticate(bad);
    assertThat(lookups).hasValue(2);
  }

  @Test
  void readinessWhenPolledWithinIntervalThenStoreProbedOnce() {
    authenticator.readiness();
    authenticator.readiness();
    time.advance(ApiKeyAuthenticator.READINESS_INTERVAL.minusMillis(1));
    authenticator.readiness();
    assertThat(lookups).hasValue(1);

    time.advance(Duration.ofMillis(1));
    authenticator.readiness();

    assertThat(lookups).hasValue(2);
  }
}
