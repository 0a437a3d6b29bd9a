package dev.portcullis.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;

/**
 * Opaque tokens against the same loopback authorization server: Spring Security's {@link
 * SpringOpaqueTokenIntrospector} (no cache: one HTTP round trip per call) beside our filter on a
 * cache miss, which makes the same round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 2)
public class OpaqueBenchmark {
  private LoopbackIssuer issuer;
  private Scratch scratch;
  private Mechanism.Setup uncached;
  private final BenchResponse response = new BenchResponse();
  private SpringOpaqueTokenIntrospector spring;

  /**
   * Starts the issuer, our uncached filter and Spring's introspector.
   *
   * @throws Exception when set-up fails
   */
  @Setup
  public void setUp() throws Exception {
    issuer = new LoopbackIssuer();
    scratch = new Scratch();
    uncached = Mechanism.opaque.setUp(issuer, scratch.directory, false);
    spring =
        SpringOpaqueTokenIntrospector.withIntrospectionUri(issuer.introspectionUri())
            .clientId(LoopbackIssuer.CLIENT_ID)
            .clientSecret(LoopbackIssuer.CLIENT_SECRET)
            .build();
    springIntrospect();
  }

  /** Stops everything. */
  @TearDown
  public void tearDown() {
    uncached.filter().destroy();
    issuer.close();
    scratch.close();
  }

  /**
   * The anchor: one introspection through Spring Security.
   *
   * @return the principal
   */
  @Benchmark
  public OAuth2AuthenticatedPrincipal springIntrospect() {
    return spring.introspect(LoopbackIssuer.OPAQUE);
  }

  /**
   * Our whole filter on a cache miss: one introspection call.
   *
   * @return the status
   * @throws Exception never
   */
  @Benchmark
  public int portcullisUncached() throws Exception {
    uncached.run(response);
    return response.status();
  }
}
