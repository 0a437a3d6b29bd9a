package dev.portcullis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerdictCacheTest {
  private static final AuthError EXPIRED = AuthError.invalidToken("The access token expired");
  private static final AuthError INVALID = AuthError.invalidToken("The access token is invalid");

  private final FakeTime time = new FakeTime();
  private final AtomicInteger loads = new AtomicInteger();
  private final VerdictCache cache =
      VerdictCache.builder(EXPIRED)
          .positiveTtl(Duration.ofMinutes(5))
          .negativeTtl(Duration.ofSeconds(30))
          .time(time, time)
          .build();

  private Identity identity(Instant expiresAt) {
    return Identity.builder("alice", "t", "Bearer").expiresAt(expiresAt).build();
  }

  private VerdictCache.Loader counting(AuthResult result) {
    return () -> {
      loads.incrementAndGet();
      return result;
    };
  }

  @Test
  void getWhenAcceptedThenCachedForPositiveTtl() throws Exception {
    AuthResult ok = AuthResult.authenticated(identity(null));

    assertThat(cache.get("fp", counting(ok))).isEqualTo(ok);
    time.advance(Duration.ofMinutes(5).minusNanos(1));
    assertThat(cache.get("fp", counting(ok))).isEqualTo(ok);
    assertThat(loads).hasValue(1);

    time.advance(Duration.ofNanos(1));
    cache.get("fp", counting(ok));
    assertThat(loads).hasValue(2);
  }

  @Test
  void getWhenCredentialExpiresBeforeTtlThenEntryEndsAtExpiry() throws Exception {
    AuthResult ok = AuthResult.authenticated(identity(time.instant().plusSeconds(60)));

    cache.get("fp", counting(ok));
    time.advance(Duration.ofSeconds(59));
    assertThat(cache.get("fp", counting(ok))).isEqualTo(ok);
    assertThat(loads).hasValue(1);

    time.advance(Duration.ofSeconds(1));
    assertThat(cache.get("fp", counting(ok))).isEqualTo(AuthResult.rejected(EXPIRED));
    assertThat(loads).hasValue(2);
  }

  @Test
  void getWhenCredentialOutlivesTtlThenEntryEndsAtTtl() throws Exception {
    AuthResult ok = AuthResult.authenticated(identity(time.instant().plusSeconds(3600)));

    cache.get("fp", counting(ok));
    time.advance(Duration.ofMinutes(5));
    assertThat(cache.get("fp", counting(ok))).isEqualTo(ok);

    assertThat(loads).hasValue(2);
  }

  @Test
  void getWhenHitIsPastIdentityExpiryThenExpiredError() throws Exception {
    FakeTime wall = new FakeTime();
    FakeTime ticks = new FakeTime();
    VerdictCache split = VerdictCache.builder(EXPIRED).time(wall, ticks).build();
    AuthResult ok = AuthResult.authenticated(identity(wall.instant().plusSeconds(10)));
    split.get("fp", counting(ok));

    // The cache's ticker has not moved, so the entry is still there; the wall clock has.
    wall.advance(Duration.ofSeconds(10));

    assertThat(split.get("fp", counting(ok))).isEqualTo(AuthResult.rejected(EXPIRED));
    assertThat(loads).hasValue(1);
  }

  @Test
  void getWhenLoadedIdentityAlreadyExpiredThenExpiredErrorAndNotCached() throws Exception {
    AuthResult stale = AuthResult.authenticated(identity(time.instant().minusSeconds(1)));

    assertThat(cache.get("fp", counting(stale))).isEqualTo(AuthResult.rejected(EXPIRED));
    cache.get("fp", counting(stale));
    assertThat(loads).hasValue(2);
  }

  @Test
  void getWhenRejectedThenCachedForNegativeTtl() throws Exception {
    AuthResult no = AuthResult.rejected(INVALID);

    assertThat(cache.get("fp", counting(no))).isEqualTo(no);
    time.advance(Duration.ofSeconds(29));
    assertThat(cache.get("fp", counting(no))).isEqualTo(no);
    assertThat(loads).hasValue(1);

    time.advance(Duration.ofSeconds(1));
    cache.get("fp", counting(no));
    assertThat(loads).hasValue(2);
  }

  @Test
  void getWhenLoaderFailsThenThrowsAndNothingCached() throws Exception {
    VerdictCache.Loader down =
        () -> {
          loads.incrementAndGet();
          throw new ServiceUnavailableException("down");
        };

    assertThatThrownBy(() -> cache.get("fp", down))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessage("down");
    AuthResult ok = AuthResult.authenticated(identity(null));
    assertThat(cache.get("fp", counting(ok))).isEqualTo(ok);
    assertThat(loads).hasValue(2);
    assertThat(cache.stats().loadFailureCount()).isEqualTo(1);
  }

  @Test
  void getWhenLoaderThrowsRuntimeExceptionThenRethrownAndNothingCached() throws Exception {
    VerdictCache.Loader broken =
        () -> {
          throw new IllegalStateException("bug");
        };

    assertThatThrownBy(() -> cache.get("fp", broken)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cache.get("fp", () -> null)).isInstanceOf(NullPointerException.class);
    assertThat(cache.size()).isZero();
  }

  @Test
  void getWhenNotAttemptedThenPassedThroughAndNotCached() throws Exception {
    assertThat(cache.get("fp", counting(AuthResult.notAttempted())))
        .isSameAs(AuthResult.notAttempted());
    cache.get("fp", counting(AuthResult.notAttempted()));

    assertThat(loads).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void getWhenDifferentFingerprintsThenSeparateEntries() throws Exception {
    cache.get("a", counting(AuthResult.rejected(INVALID)));
    cache.get("b", counting(AuthResult.rejected(INVALID)));
    cache.get("a", counting(AuthResult.rejected(INVALID)));

    assertThat(loads).hasValue(2);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.stats().hitCount()).isEqualTo(1);
    assertThat(cache.stats().missCount()).isEqualTo(2);
  }

  @Test
  void getWhenFloodOfDistinctCredentialsThenSizeStaysBounded() throws Exception {
    VerdictCache small = VerdictCache.builder(EXPIRED).maximumSize(16).time(time, time).build();

    for (int i = 0; i < 5_000; i++) {
      small.get(Fingerprint.of("garbage-" + i), counting(AuthResult.rejected(INVALID)));
    }

    assertThat(small.size()).isLessThanOrEqualTo(16);
    assertThat(loads).hasValue(5_000);
  }

  @Test
  void invalidateWhenEntryPresentThenNextGetLoads() throws Exception {
    AuthResult ok = AuthResult.authenticated(identity(null));
    cache.get("a", counting(ok));
    cache.get("b", counting(ok));

    cache.invalidate("a");
    cache.get("a", counting(ok));
    cache.get("b", counting(ok));

    assertThat(loads).hasValue(3);
  }

  @Test
  void invalidateAllWhenEntriesPresentThenAllReload() throws Exception {
    AuthResult ok = AuthResult.authenticated(identity(null));
    cache.get("a", counting(ok));
    cache.get("b", counting(ok));

    cache.invalidateAll();

    assertThat(cache.size()).isZero();
    cache.get("a", counting(ok));
    cache.get("b", counting(ok));
    assertThat(loads).hasValue(4);
  }

  @Test
  void builderWhenBadValuesThenRefusedNamingThem() {
    VerdictCache.Builder builder = VerdictCache.builder(EXPIRED);

    assertThatThrownBy(() -> builder.maximumSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximumSize must be at least 1: [0]");
    assertThatThrownBy(() -> builder.positiveTtl(Duration.ofSeconds(-1)))
        .hasMessage("positiveTtl must not be negative: [PT-1S]");
    assertThatThrownBy(() -> builder.negativeTtl(Duration.ofSeconds(-1)))
        .hasMessage("negativeTtl must not be negative: [PT-1S]");
    assertThatThrownBy(() -> VerdictCache.builder(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.time(time, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void builderWhenDefaultsThenUsable() throws Exception {
    VerdictCache defaults = VerdictCache.builder(EXPIRED).build();
    AuthResult ok = AuthResult.authenticated(identity(null));

    assertThat(defaults.get("fp", counting(ok))).isEqualTo(ok);
    assertThat(defaults.get("fp", counting(ok))).isEqualTo(ok);
    assertThat(loads).hasValue(1);
  }
}
