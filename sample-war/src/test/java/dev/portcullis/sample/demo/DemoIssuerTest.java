package dev.portcullis.sample.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class DemoIssuerTest {
  private final DemoIssuer issuer = new DemoIssuer("http://localhost:8080/demo-issuer");

  DemoIssuerTest() throws Exception {}

  @Test
  void mintJwtWhenCalledThenAccessTokenVerifiesWithPublishedKeys() throws Exception {
    String token = issuer.mintJwt("alice", "orders:read", List.of("admin"), Duration.ofMinutes(5));

    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(token);
    JsonWebKeySet keys = new JsonWebKeySet(issuer.jwksJson());
    jws.setKey(new VerificationJwkSelector().select(jws, keys.getJsonWebKeys()).getKey());
    assertThat(jws.verifySignature()).isTrue();
    assertThat(jws.getHeader("typ")).isEqualTo("at+jwt");
    JwtClaims claims = JwtClaims.parse(jws.getPayload());
    assertThat(claims.getIssuer()).isEqualTo("http://localhost:8080/demo-issuer");
    assertThat(claims.getAudience()).containsExactly(DemoIssuer.AUDIENCE);
    assertThat(claims.getSubject()).isEqualTo("alice");
    assertThat(claims.getStringClaimValue("scope")).isEqualTo("orders:read");
    assertThat(claims.getStringListClaimValue("groups")).containsExactly("admin");
    assertThat(claims.getJwtId()).isNotBlank();
  }

  @Test
  void jwksJsonWhenPublishedThenHoldsNoPrivateKey() {
    assertThat(issuer.jwksJson()).doesNotContain("\"d\"").contains("\"use\":\"sig\"");
  }

  @Test
  void introspectWhenOpaqueTokenMintedThenActiveClaimsElseNull() {
    String token = issuer.mintOpaque("bob", "orders:read", List.of(), Duration.ofMinutes(5));

    Map<String, Object> claims = issuer.introspect(token);
    assertThat(claims).containsEntry("sub", "bob").containsEntry("scope", "orders:read");
    assertThat(issuer.introspect("unknown-token")).isNull();
  }

  @Test
  void introspectWhenOpaqueTokenExpiredThenNull() {
    String token = issuer.mintOpaque("bob", "", List.of(), Duration.ZERO);

    assertThat(issuer.introspect(token)).isNull();
  }
}
