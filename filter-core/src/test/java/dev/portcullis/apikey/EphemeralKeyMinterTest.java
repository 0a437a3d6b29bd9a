package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.EphemeralKeys;
import dev.portcullis.Identity;
import dev.portcullis.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Minting policy: narrowed scopes, capped lifetime, origins as browsers send them. */
class EphemeralKeyMinterTest {
  final FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00.250Z"));
  final EphemeralKeyFormat format =
      new EphemeralKeyFormat("ek_", EphemeralKeyFilterTest.SECRET.getBytes());
  final EphemeralKeyMinter minter = new EphemeralKeyMinter(format, Duration.ofMinutes(5), time);
  final Identity bob =
      Identity.builder("bob", "jwt", "Bearer")
          .scopes(Set.of("a", "b"))
          .roles(Set.of("admin"))
          .fingerprint("abcdefghijkl")
          .build();

  private EphemeralClaims claims(EphemeralKeys.Minted minted) {
    return format.decode(minted.value()).orElseThrow();
  }

  private static int status(Runnable mint) {
    try {
      mint.run();
      return 200;
    } catch (EphemeralKeys.Refused e) {
      return e.error().status();
    }
  }

  @Test
  void mintWhenDefaultsThenCallerScopesAnd60SecondsRoundedUp() {
    EphemeralKeys.Minted minted = minter.mint(bob, EphemeralKeys.Request.DEFAULTS);

    assertThat(minted.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:01:01Z"));
    EphemeralClaims claims = claims(minted);
    assertThat(claims.scopes()).containsExactlyInAnyOrder("a", "b");
    assertThat(claims.principal()).isEqualTo("bob");
    assertThat(claims.parent()).isEqualTo("abcdefghijkl");
    assertThat(claims.singleUse()).isFalse();
    assertThat(minted.toString()).doesNotContain(minted.value());
  }

  @Test
  void mintWhenLifetimeAboveCapThenCut() {
    EphemeralKeys.Minted minted =
        minter.mint(bob, new EphemeralKeys.Request(null, Duration.ofHours(2), false, null));

    assertThat(minted.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:05:01Z"));
  }

  @Test
  void mintWhenLifetimeNotPositiveThen400() {
    for (Duration lifetime : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
      assertThat(
              status(
                  () -> minter.mint(bob, new EphemeralKeys.Request(null, lifetime, false, null))))
          .isEqualTo(400);
    }
  }

  @Test
  void mintWhenScopesBeyondCallersThen403InsufficientScopeNamingThem() {
    assertThatThrownBy(
            () ->
                minter.mint(
                    bob, new EphemeralKeys.Request(Set.of("a", "z", "c"), null, false, null)))
        .isInstanceOfSatisfying(
            EphemeralKeys.Refused.class,
            e -> {
              assertThat(e.error().status()).isEqualTo(403);
              assertThat(e.error().code()).contains("insufficient_scope");
              assertThat(e.error().scope()).contains("c z");
            });
  }

  @Test
  void mintWhenScopesSubsetThenOnlyThose() {
    assertThat(claims(minter.mint(bob, new EphemeralKeys.Request(Set.of("b"), null, true, null))))
        .satisfies(c -> assertThat(c.scopes()).containsExactly("b"))
        .satisfies(c -> assertThat(c.singleUse()).isTrue());
  }

  @Test
  void mintWhenScopeNotAScopeTokenOrTooManyThen400() {
    assertThat(
            status(
                () ->
                    minter.mint(bob, new EphemeralKeys.Request(Set.of("a\"b"), null, false, null))))
        .isEqualTo(400);
    Set<String> many = IntStream.range(0, 65).mapToObj(i -> "s" + i).collect(Collectors.toSet());
    assertThat(status(() -> minter.mint(bob, new EphemeralKeys.Request(many, null, false, null))))
        .isEqualTo(400);
  }

  @Test
  void mintWhenKeyWouldExceedMaximumLengthThen400() {
    Set<String> big =
        IntStream.range(0, 60).mapToObj(i -> "s" + i + "x".repeat(100)).collect(Collectors.toSet());
    Identity wide = Identity.builder("w", "jwt", "Bearer").scopes(big).build();

    assertThat(status(() -> minter.mint(wide, new EphemeralKeys.Request(big, null, false, null))))
        .isEqualTo(400);
  }

  @Test
  void originWhenSpelledAnyWayThenSerializedAsBrowsersSendIt() {
    assertThat(EphemeralKeyMinter.origin("HTTPS://App.Example:443"))
        .isEqualTo("https://app.example");
    assertThat(EphemeralKeyMinter.origin("http://localhost:8080"))
        .isEqualTo("http://localhost:8080");
    assertThat(EphemeralKeyMinter.origin("http://127.0.0.1:80")).isEqualTo("http://127.0.0.1");
  }

  @Test
  void originWhenNotAnOriginThen400() {
    for (String bad :
        new String[] {
          "https://app.example/",
          "https://app.example/path",
          "https://user@app.example",
          "https://app.example?q",
          "https://app.example#f",
          "ftp://app.example",
          "null",
          "app.example",
          "https://app.example:99999",
          "https://",
          "https://a b"
        }) {
      assertThat(status(() -> EphemeralKeyMinter.origin(bad))).as(bad).isEqualTo(400);
    }
  }

  @Test
  void decodeWhenPrincipalAndScopesHaveOddCharactersThenRoundTrip() {
    Identity odd =
        Identity.builder("ä b\nc&d=e%", "jwt", "Bearer").scopes(Set.of("x:y", "a/b")).build();

    EphemeralClaims claims = claims(minter.mint(odd, EphemeralKeys.Request.DEFAULTS));

    assertThat(claims.principal()).isEqualTo("ä b\nc&d=e%");
    assertThat(claims.scopes()).containsExactlyInAnyOrder("x:y", "a/b");
    assertThat(claims.parent()).isEqualTo("none");
  }

  @Test
  void decodeWhenNotCanonicalOrTooLongOrOtherPrefixThenEmpty() {
    String key = minter.mint(bob, EphemeralKeys.Request.DEFAULTS).value();

    assertThat(format.decode(key + "=")).isEmpty();
    assertThat(format.decode("ek_" + "A".repeat(EphemeralKeyFormat.MAX_LENGTH))).isEmpty();
    assertThat(format.decode("xk_" + key.substring(3))).isEmpty();
    assertThat(format.decode("ek_")).isEmpty();
    assertThat(format.decode("ek_!!!")).isEmpty();
  }
}
