package dev.portcullis.mtls;

import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roles: static {@code roles}, {@code rolesFromSubject} attribute values, {@code roleMap}. */
class RoleMappingTest {
  @TempDir Path dir;
  private Path anchors;
  private final X509Certificate alice =
      TestPki.leaf("CN=alice,OU=admins,OU=ops,O=Acme,C=DE")
          .san(GeneralName.rfc822Name, "alice@example.com")
          .san(GeneralName.uniformResourceIdentifier, "spiffe://example.org/ns/a/sa/alice")
          .build()
          .cert();
  private final X509Certificate bob = TestPki.leaf("CN=bob,O=Acme").build().cert();

  @BeforeEach
  void writeAnchors() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
  }

  private Harness harness(String... settings) throws Exception {
    Harness h = new Harness("mtls", anchors);
    for (int i = 0; i < settings.length; i += 2) {
      h.set(settings[i], settings[i + 1]);
    }
    return h.start();
  }

  private static Object roles(Harness h, X509Certificate cert) {
    h.call(tls(cert, INTER.cert()));
    return h.identity() == null ? null : h.identity().roles();
  }

  @Test
  void rolesWhenRolesFromSubjectOuThenEachOuValueIsARoleInDnOrder() throws Exception {
    Harness h = harness("mtls.rolesFromSubject", "OU");

    assertThat(h.call(tls(alice, INTER.cert())).status()).isEqualTo(200);
    assertThat(h.identity().roles()).containsExactly("admins", "ops");
    assertThat(roles(h, bob)).isEqualTo(java.util.Set.of());
  }

  @Test
  void rolesWhenRolesFromSubjectByOidAndLowerCaseKeywordThenSameAttributes() throws Exception {
    assertThat(roles(harness("mtls.rolesFromSubject", "2.5.4.11, o"), alice))
        .isEqualTo(java.util.Set.of("admins", "ops", "Acme"));
  }

  @Test
  void rolesWhenRoleMapListsPrincipalThenItsRolesAdded() throws Exception {
    Harness h =
        harness(
            "mtls.principal", "email",
            "mtls.roleMap", " alice@example.com : admin, ops ;\n bob@example.com:ops;");

    assertThat(roles(h, alice)).isEqualTo(java.util.Set.of("admin", "ops"));
  }

  @Test
  void rolesWhenPrincipalNotInRoleMapThenNoMappedRoles() throws Exception {
    Harness h = harness("mtls.principal", "cn", "mtls.roleMap", "alice:admin");

    assertThat(h.call(tls(bob, INTER.cert())).status()).isEqualTo(200);
    assertThat(h.identity().roles()).isEmpty();
  }

  @Test
  void rolesWhenRoleMapKeysAreDnAndSpiffeIdThenSplitAtLastColon() throws Exception {
    assertThat(roles(harness("mtls.roleMap", "CN=bob,O=Acme:auditor;CN=x\\;y:none"), bob))
        .isEqualTo(java.util.Set.of("auditor"));
    Harness spiffe =
        harness("mtls.principal", "uri", "mtls.roleMap", "spiffe://example.org/ns/a/sa/alice:svc");
    assertThat(roles(spiffe, alice)).isEqualTo(java.util.Set.of("svc"));
  }

  @Test
  void rolesWhenStaticSubjectAndMapThenUnionInThatOrder() throws Exception {
    Harness h =
        harness(
            "mtls.roles", "client,ops",
            "mtls.rolesFromSubject", "OU",
            "mtls.principal", "cn",
            "mtls.roleMap", "alice:admin,auditor");

    h.call(tls(alice, INTER.cert()));

    assertThat(h.identity().roles()).containsExactly("client", "ops", "admins", "admin", "auditor");
  }

  @Test
  void requiredRolesWhenMappedRoleMissingThen403AndWhenPresentThenPasses() throws Exception {
    Harness h =
        harness(
            "mtls.principal", "cn",
            "mtls.roleMap", "alice:admin;bob:reader",
            "requiredRoles", "admin");

    assertThat(h.call(tls(alice, INTER.cert())).status()).isEqualTo(200);
    assertThat(h.call(tls(bob, INTER.cert())).status()).isEqualTo(403);
  }

  private String failure(String key, String value) {
    FakeFilterConfig config =
        new FakeFilterConfig()
            .param("mechanisms", "mtls")
            .param("mtls.trustAnchors", anchors.toString())
            .param(key, value);
    return assertThatThrownBy(() -> Initializing.initialize(new AuthenticationFilter(), config))
        .isInstanceOf(ServletException.class)
        .actual()
        .getMessage();
  }

  @Test
  void initWhenRoleMapMalformedThenNamesKeyAndValue() {
    String syntax = ": expected principal:role,role;principal:role";
    assertThat(failure("mtls.roleMap", "alice"))
        .endsWith("[alice] for setting mtls.roleMap" + syntax);
    assertThat(failure("mtls.roleMap", "alice:")).endsWith(syntax);
    assertThat(failure("mtls.roleMap", ":admin")).endsWith(syntax);
    assertThat(failure("mtls.roleMap", "alice:admin,,ops")).endsWith(syntax);
    assertThat(failure("mtls.roleMap", "alice:ad min")).endsWith(syntax);
    assertThat(failure("mtls.roleMap", "alice:a;alice:b"))
        .isEqualTo(
            "Invalid value [alice:a;alice:b] for setting mtls.roleMap: principal alice is listed"
                + " twice");
  }

  @Test
  void initWhenRolesFromSubjectNotAnAttributeThenNamesKeyAndValue() {
    assertThat(failure("mtls.rolesFromSubject", "OU,Group"))
        .isEqualTo(
            "Invalid value [Group] for setting mtls.rolesFromSubject: expected C, CN, DC, L, O,"
                + " OU, ST, STREET, UID or an OID");
  }
}
