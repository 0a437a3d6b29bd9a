package dev.portcullis.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The anchor for JWTs: Spring Security's {@link NimbusJwtDecoder} on the same tokens, with the same
 * checks (issuer, audience, {@code exp}/{@code nbf}, {@code typ: at+jwt}) and the JWKS of the same
 * loopback issuer, fetched once and kept. It has no verdict cache, so every call is the full
 * decode. Spring's {@code SignatureAlgorithm} has no EdDSA, so EdDSA has no anchor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 5) // ES256 and EdDSA warm up slowly on JDK 17
@Measurement(iterations = 3, time = 2)
public class NimbusBenchmark {
  /** The token's algorithm. */
  @Param({"RS256", "PS256", "ES256"})
  public Algorithm alg;

  private LoopbackIssuer issuer;
  private NimbusJwtDecoder decoder;
  private String token;

  /**
   * Starts the issuer, builds the decoder and decodes once.
   *
   * @throws Exception when set-up fails
   */
  @Setup
  public void setUp() throws Exception {
    issuer = new LoopbackIssuer();
    decoder =
        NimbusJwtDecoder.withJwkSetUri(issuer.jwksUri())
            .jwsAlgorithm(SignatureAlgorithm.from(alg.name()))
            .jwtProcessorCustomizer(
                p ->
                    p.setJWSTypeVerifier(
                        new DefaultJOSEObjectTypeVerifier<SecurityContext>(
                            new JOSEObjectType("at+jwt"))))
            .build();
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(issuer.issuer()),
            new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(LoopbackIssuer.AUDIENCE))));
    token = issuer.token(alg);
    decode();
  }

  /** Stops the issuer. */
  @TearDown
  public void tearDown() {
    issuer.close();
  }

  /**
   * One full decode and validation.
   *
   * @return the decoded token
   */
  @Benchmark
  public Jwt decode() {
    return decoder.decode(token);
  }
}
