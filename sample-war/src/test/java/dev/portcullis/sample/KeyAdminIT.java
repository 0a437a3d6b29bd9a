package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The key admin API of the packaged sample on Payara Micro with the key file store ({@code
 * it.keyFile}); {@link JdbcKeyStoreIT} runs the same scenarios on PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
class KeyAdminIT {
  @ArquillianResource private URL deployment;
  private KeyAdmin admin;

  @Deployment(testable = false)
  static WebArchive sampleWar() throws IOException {
    new KeyFile().write();
    return SampleWar.imported("ROOT.war");
  }

  @BeforeEach
  void client() {
    admin = new KeyAdmin(new Http(deployment), KeyFile.ALICE);
  }

  @Test
  void rotateWhenGraceFiveSecondsThenBothWorkThenOnlyTheNewOne() throws Exception {
    admin.rotateWhenGraceFiveSecondsThenBothWorkThenOnlyTheNewOne();
  }

  @Test
  void listWhenKeyUsedThenLastUsedAppearsAfterFlush() throws Exception {
    admin.listWhenKeyUsedThenLastUsedAppearsAfterFlush();
  }

  @Test
  void patchWhenDisabledThenRefusedAndWhenEnabledThenAcceptedAgain() throws Exception {
    admin.patchWhenDisabledThenRefusedAndWhenEnabledThenAcceptedAgain();
  }

  @Test
  void everyOperationWhenRoleMissingThen403AndWithoutCredentialsThen401() throws Exception {
    admin.everyOperationWhenRoleMissingThen403AndWithoutCredentialsThen401(KeyFile.BOB);
  }

  @Test
  void deleteWhenKeyRevokedThenRefusedAndUnknownIdIsProblem() throws Exception {
    admin.deleteWhenKeyRevokedThenRefusedAndUnknownIdIsProblem();
  }

  @Test
  void openApiWhenRequestedThenDescribesTheAdminApi() throws Exception {
    HttpResponse<String> openApi = null;
    for (int attempt = 0; openApi == null; attempt++) {
      try {
        openApi = new Http(deployment).send("GET", "/openapi");
      } catch (HttpTimeoutException e) {
        // the first request builds the document, scanning the libraries too; it may take a while
        assertThat(attempt).as("attempts").isLessThan(6);
      }
    }

    assertThat(openApi.statusCode()).isEqualTo(200);
    assertThat(openApi.body()).contains("/api/admin/keys:", "/api/admin/keys/{id}/rotate:");
  }
}
