package dev.portcullis.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Identity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialIdTest {

  @Test
  void ofWhenApiKeyThenKeyId() {
    Identity key = Identity.builder("bob", "apiKey", "ApiKey").attribute("keyId", "k7").build();

    assertThat(CredentialId.of(key)).isEqualTo("key:k7");
  }

  @Test
  void ofWhenJwtWithClientIdThenClientElseSubject() {
    Identity client =
        Identity.builder("alice", "jwt", "Bearer")
            .attribute("claims", Map.of("sub", "alice", "client_id", "app1"))
            .build();
    Identity user =
        Identity.builder("Alice A.", "jwt", "Bearer")
            .attribute("claims", Map.of("sub", "alice"))
            .build();

    assertThat(CredentialId.of(client)).isEqualTo("client:app1");
    assertThat(CredentialId.of(user)).isEqualTo("sub:alice");
  }

  @Test
  void ofWhenOpaqueTokenThenClientElseMechanismAndName() {
    Identity client =
        Identity.builder("alice", "introspection", "Bearer").attribute("client_id", "app1").build();
    Identity user = Identity.builder("alice", "introspection", "Bearer").build();

    assertThat(CredentialId.of(client)).isEqualTo("client:app1");
    assertThat(CredentialId.of(user)).isEqualTo("introspection:alice");
  }

  @Test
  void ofWhenCertificateThenThumbprint() {
    Identity cert =
        Identity.builder("CN=svc", "mtls", "CLIENT_CERT")
            .attribute(Identity.CERTIFICATE_THUMBPRINT, "abc")
            .build();

    assertThat(CredentialId.of(cert)).isEqualTo("x5t:abc");
  }

  @Test
  void ofWhenCertificateAndTokenThenTokensClient() {
    Identity cert =
        Identity.builder("CN=svc", "mtls", "CLIENT_CERT")
            .attribute(Identity.CERTIFICATE_THUMBPRINT, "abc")
            .build();
    Identity token =
        Identity.builder("alice", "jwt", "Bearer")
            .attribute("claims", Map.of("sub", "alice", "client_id", "app1"))
            .build();

    assertThat(CredentialId.of(Identity.combine(List.of(cert, token)))).isEqualTo("client:app1");
  }

  @Test
  void claimWhenClaimOrAttributeThenText() {
    Identity identity =
        Identity.builder("alice", "jwt", "Bearer")
            .attribute("claims", Map.of("tenant", "t1", "org", 42, "list", List.of("x")))
            .attribute("team", "blue")
            .build();

    assertThat(CredentialId.claim(identity, "tenant")).isEqualTo("t1");
    assertThat(CredentialId.claim(identity, "org")).isEqualTo("42");
    assertThat(CredentialId.claim(identity, "team")).isEqualTo("blue");
    assertThat(CredentialId.claim(identity, "list")).isNull();
    assertThat(CredentialId.claim(identity, "missing")).isNull();
  }
}
