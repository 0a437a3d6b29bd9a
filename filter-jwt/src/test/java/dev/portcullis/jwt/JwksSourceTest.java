package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.jose.SigningAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key-set lifetime from Cache-Control within floor and ceiling, and issuer metadata discovery. */
class JwksSourceTest {
  private static final JwksSource.Limits LIMITS =
      new JwksSource.Limits(
          Duration.ofSeconds(30),
          Duration.ofMinutes(5),
          Duration.ofHours(24),
          Duration.ofHours(24),
          50,
          16);
  private Fixture f;
  private HttpFetcher fetcher;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    fetcher = new HttpFetcher(Duration.ofSeconds(2), Duration.ofSeconds(2), 65536, null);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private JwksSource source(String path) {
    return source(path, LIMITS);
  }

  private JwksSource source(String path, JwksSource.Limits limits) {
    return new JwksSource(
        Fixture.ISSUER,
        KeyLocation.fixed(Fixture.ISSUER, URI.create(f.server.url(path))),
        fetcher,
        limits,
        f.time,
        Runnable::run,
        Set.of(SigningAlgorithm.RS256));
  }

  private void serveWithMaxAge(String cacheControl) {
    f.server.serve(
        "/jwks",
        new JwksServer.Reply(
            200,
            Fixture.jwks(Fixture.rsaJwk(f.rsa, "k1", "RS256")),
            Map.of("Cache-Control", cacheControl)));
  }

  private int fetchesAfter(JwksSource s, Duration wait) throws ServiceUnavailableException {
    f.time.advance(wait);
    assertThat(s.keys("k1", SigningAlgorithm.RS256)).hasSize(1);
    return f.server.count("/jwks");
  }

  @Test
  void keysWhenMaxAgeWithinBoundsThenRefreshedAheadAtEightyPercentOfIt() throws Exception {
    serveWithMaxAge("public, max-age=3600");
    JwksSource s = source("/jwks");
    assertThat(fetchesAfter(s, Duration.ZERO)).isEqualTo(1);
    assertThat(fetchesAfter(s, Duration.ofMinutes(47))).isEqualTo(1);
    assertThat(fetchesAfter(s, Duration.ofMinutes(1))).isEqualTo(2);
  }

  @Test
  void keysWhenMaxAgeBelowFloorThenFloorApplies() throws Exception {
    serveWithMaxAge("max-age=1");
    JwksSource s = source("/jwks");
    assertThat(fetchesAfter(s, Duration.ZERO)).isEqualTo(1);
    assertThat(fetchesAfter(s, Duration.ofMinutes(3))).isEqualTo(1);
    assertThat(fetchesAfter(s, Duration.ofMinutes(1))).isEqualTo(2);
  }

  @Test
  void keysWhenMaxAgeAboveCeilingThenCeilingApplies() throws Exception {
    serveWithMaxAge("max-age=999999999");
    JwksSource s = source("/jwks");
    assertThat(fetchesAfter(s, Duration.ZERO)).isEqualTo(1);
    assertThat(fetchesAfter(s, Duration.ofHours(19))).isEqualTo(1);
    assertThat(fetchesAfter(s, Duration.ofHours(1))).isEqualTo(2);
  }

  @Test
  void keysWhenIssuerOnlyThenOpenIdConfigurationDiscovered() throws Exception {
    String issuer = f.server.url("/realms/demo");
    f.server.serve(
        "/realms/demo/.well-known/openid-configuration",
        "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + f.server.url("/jwks") + "\"}");
    JwksSource s =
        new JwksSource(
            issuer,
            KeyLocation.discovered(issuer),
            fetcher,
            LIMITS,
            f.time,
            Runnable::run,
            Set.of(SigningAlgorithm.RS256));
    assertThat(s.keys("k1", SigningAlgorithm.RS256)).hasSize(1);
  }

  @Test
  void keysWhenNoOpenIdConfigurationThenRfc8414MetadataDiscovered() throws Exception {
    String issuer = f.server.url("/tenant");
    f.server.serve(
        "/.well-known/oauth-authorization-server/tenant",
        "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + f.server.url("/jwks") + "\"}");
    JwksSource s =
        new JwksSource(
            issuer,
            KeyLocation.discovered(issuer),
            fetcher,
            LIMITS,
            f.time,
            Runnable::run,
            Set.of(SigningAlgorithm.RS256));
    assertThat(s.keys("k1", SigningAlgorithm.RS256)).hasSize(1);
    assertThat(f.server.count("/tenant/.well-known/openid-configuration")).isEqualTo(1);
  }

  @Test
  void keysWhenMetadataNamesAnotherIssuerThenUnavailable() {
    String issuer = f.server.url("/a");
    f.server.serve(
        "/a/.well-known/openid-configuration",
        "{\"issuer\":\""
            + f.server.url("/b")
            + "\",\"jwks_uri\":\""
            + f.server.url("/jwks")
            + "\"}");
    JwksSource s =
        new JwksSource(
            issuer,
            KeyLocation.discovered(issuer),
            fetcher,
            LIMITS,
            f.time,
            Runnable::run,
            Set.of(SigningAlgorithm.RS256));
    assertThatThrownBy(() -> s.keys("k1", SigningAlgorithm.RS256))
        .isInstanceOf(ServiceUnavailableException.class);
    assertThat(f.server.count("/jwks")).isZero();
  }

  @Test
  void keysWhenMetadataJwksUriNotHttpsThenUnavailable() {
    String issuer = f.server.url("/c");
    f.server.serve(
        "/c/.well-known/openid-configuration",
        "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"http://keys.example/jwks\"}");
    JwksSource s =
        new JwksSource(
            issuer,
            KeyLocation.discovered(issuer),
            fetcher,
            LIMITS,
            f.time,
            Runnable::run,
            Set.of(SigningAlgorithm.RS256));
    assertThatThrownBy(() -> s.keys("k1", SigningAlgorithm.RS256))
        .isInstanceOf(ServiceUnavailableException.class);
  }

  @Test
  void keysWhenFetchHangsAndManyWaitThenBeyondBoundFailFastAndWaitersGetKeys() throws Exception {
    f.server.serve(
        "/jwks",
        new JwksServer.Reply(
            200, Fixture.jwks(Fixture.rsaJwk(f.rsa, "k1", "RS256")), Map.of(), 1500));
    int bound = 3;
    JwksSource s =
        source(
            "/jwks",
            new JwksSource.Limits(
                LIMITS.cooldown(),
                LIMITS.minTtl(),
                LIMITS.maxTtl(),
                LIMITS.maxStale(),
                LIMITS.maxKeys(),
                bound));
    ExecutorService pool = Executors.newFixedThreadPool(bound + 1);
    try {
      List<Future<List<KeySet.Key>>> calls = new ArrayList<>();
      calls.add(pool.submit(() -> s.keys("k1", SigningAlgorithm.RS256)));
      while (f.server.count("/jwks") == 0) {
        Thread.onSpinWait(); // the first request is now fetching
      }
      for (int i = 0; i < bound; i++) {
        calls.add(pool.submit(() -> s.keys("k1", SigningAlgorithm.RS256)));
      }
      while (s.waiting() < bound) {
        Thread.onSpinWait();
      }

      assertThatThrownBy(() -> s.keys("k1", SigningAlgorithm.RS256))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessage("Too many requests wait for the key set of issuer " + Fixture.ISSUER);
      for (var call : calls) {
        assertThat(call.get()).hasSize(1);
      }
      assertThat(f.server.count("/jwks")).isEqualTo(1);
      assertThat(s.waiting()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
