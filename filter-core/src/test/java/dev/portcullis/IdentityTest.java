package dev.portcullis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityTest {
  private static final Instant EXPIRY = Instant.parse("2026-01-01T01:00:00Z");

  private static Identity certificate() {
    return Identity.builder("CN=device", "mtls", "CLIENT_CERT")
        .roles(List.of("device", "shared"))
        .attribute(Identity.CERTIFICATE_THUMBPRINT, "thumb")
        .attribute("subject", "CN=device")
        .attribute("shared", "from-cert")
        .expiresAt(Instant.parse("2030-01-01T00:00:00Z"))
        .build();
  }

  private static Identity token() {
    return Identity.builder("alice", "jwt", "Bearer")
        .scopes(List.of("orders:read"))
        .roles(List.of("user", "shared"))
        .attribute("shared", "from-token")
        .attribute("client_id", "app")
        .expiresAt(EXPIRY)
        .certificateThumbprint("thumb")
        .fingerprint("fp")
        .build();
  }

  @Test
  void builderWhenAllSetThenAnswersThem() {
    Identity identity = token();

    assertThat(identity.getName()).isEqualTo("alice");
    assertThat(identity.mechanism()).isEqualTo("jwt");
    assertThat(identity.authType()).isEqualTo("Bearer");
    assertThat(identity.scopes()).containsExactly("orders:read");
    assertThat(identity.roles()).containsExactly("user", "shared");
    assertThat(identity.attributes()).containsEntry("client_id", "app");
    assertThat(identity.expiresAt()).contains(EXPIRY);
    assertThat(identity.certificateThumbprint()).contains("thumb");
    assertThat(identity.fingerprint()).contains("fp");
  }

  @Test
  void builderWhenOptionalPartsAbsentThenEmpty() {
    Identity identity = Identity.builder("bob", "apiKey", "ApiKey").build();

    assertThat(identity.scopes()).isEmpty();
    assertThat(identity.roles()).isEmpty();
    assertThat(identity.attributes()).isEmpty();
    assertThat(identity.expiresAt()).isEmpty();
    assertThat(identity.certificateThumbprint()).isEmpty();
    assertThat(identity.fingerprint()).isEmpty();
  }

  @Test
  void builderWhenInputsChangeLaterThenIdentityUnchanged() {
    List<String> scopes = new ArrayList<>(List.of("a"));
    IdentityBuilder builder = Identity.builder("bob", "apiKey", "ApiKey").scopes(scopes);
    Identity identity = builder.build();

    scopes.add("b");
    builder.scopes(List.of("c"));

    assertThat(identity.scopes()).containsExactly("a");
    assertThatThrownBy(() -> identity.scopes().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> identity.roles().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> identity.attributes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builderWhenRequiredPartMissingThenRefused() {
    assertThatThrownBy(() -> Identity.builder(null, "m", "t").build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Identity.builder("n", null, "t").build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Identity.builder("n", "m", null).build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Identity.builder("n", "m", "t").attribute("k", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void toBuilderWhenRebuiltThenEqual() {
    Identity identity = token();

    assertThat(identity.toBuilder().build()).isEqualTo(identity).hasSameHashCodeAs(identity);
    assertThat(identity.toBuilder().build().fingerprint()).contains("fp");
  }

  @Test
  void combineWhenOneMemberThenThatMember() {
    Identity identity = token();

    assertThat(Identity.combine(List.of(identity))).isSameAs(identity);
  }

  @Test
  void combineWhenAndBranchThenLastIsPrimaryAndRolesUnited() {
    Identity combined = Identity.combine(List.of(certificate(), token()));

    assertThat(combined.getName()).isEqualTo("alice");
    assertThat(combined.mechanism()).isEqualTo("mtls+jwt");
    assertThat(combined.authType()).isEqualTo("Bearer");
    assertThat(combined.scopes()).containsExactly("orders:read");
    assertThat(combined.roles()).containsExactlyInAnyOrder("user", "shared", "device");
    assertThat(combined.expiresAt()).contains(EXPIRY);
    assertThat(combined.fingerprint()).contains("fp");
  }

  @Test
  void combineWhenAttributesOverlapThenPrimaryWinsAndOthersKept() {
    Identity combined = Identity.combine(List.of(certificate(), token()));

    assertThat(combined.attributes())
        .containsEntry("shared", "from-token")
        .containsEntry("client_id", "app")
        .containsEntry("subject", "CN=device")
        .containsEntry(Identity.CERTIFICATE_THUMBPRINT, "thumb");
  }

  @Test
  void combineWhenOnlyEarlierMemberHasConfirmationThenKept() {
    Identity bound = token();
    Identity plain = Identity.builder("svc", "apiKey", "ApiKey").build();

    assertThat(Identity.combine(List.of(bound, plain)).certificateThumbprint()).contains("thumb");
    assertThat(Identity.combine(List.of(plain, certificate())).certificateThumbprint()).isEmpty();
  }

  @Test
  void combineWhenThreeMembersThenMechanismsJoinedInOrder() {
    Identity a = Identity.builder("a", "one", "X").build();
    Identity b = Identity.builder("b", "two", "Y").build();
    Identity c = Identity.builder("c", "three", "Z").build();

    Identity combined = Identity.combine(List.of(a, b, c));

    assertThat(combined.mechanism()).isEqualTo("one+two+three");
    assertThat(combined.getName()).isEqualTo("c");
  }

  @Test
  void equalsWhenAnyPartDiffersThenNotEqual() {
    Identity base = token();

    assertThat(base.toBuilder().scopes(List.of("more")).build()).isNotEqualTo(base);
    assertThat(base.toBuilder().roles(List.of("more")).build()).isNotEqualTo(base);
    assertThat(base.toBuilder().attribute("k", "v").build()).isNotEqualTo(base);
    assertThat(base.toBuilder().expiresAt(null).build()).isNotEqualTo(base);
    assertThat(base.toBuilder().certificateThumbprint(null).build()).isNotEqualTo(base);
    assertThat(Identity.builder("bob", "jwt", "Bearer").build())
        .isNotEqualTo(Identity.builder("alice", "jwt", "Bearer").build())
        .isNotEqualTo(Identity.builder("bob", "mtls", "Bearer").build())
        .isNotEqualTo(Identity.builder("bob", "jwt", "ApiKey").build())
        .isNotEqualTo("bob");
  }

  @Test
  void toStringWhenPrintedThenNoAttributesOrFingerprint() {
    assertThat(token())
        .hasToString("Identity[alice via jwt, scopes=[orders:read], roles=[user, shared]]");
  }
}
