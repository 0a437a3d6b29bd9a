package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 9728 §2 metadata built from settings; bad settings stop the servlet. */
class ProtectedResourceMetadataServletTest {

  private static String document(String... keyValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put(keyValues[i], keyValues[i + 1]);
    }
    return new String(
        ProtectedResourceMetadataServlet.document(Config.of(params, n -> null)),
        StandardCharsets.UTF_8);
  }

  @Test
  void documentWhenOnlyResourceThenHeaderMethodDefault() {
    assertThat(document("resource", "https://rs.example"))
        .isEqualTo(
            "{\"resource\":\"https://rs.example\",\"bearer_methods_supported\":[\"header\"]}");
  }

  @Test
  void documentWhenDpopSettingsThenRfc9728DpopMembers() {
    assertThat(
            document(
                "resource", "https://rs.example",
                "dpopSigningAlgValuesSupported", "ES256,PS256",
                "dpopBoundAccessTokensRequired", "true"))
        .isEqualTo(
            "{\"resource\":\"https://rs.example\",\"bearer_methods_supported\":[\"header\"],"
                + "\"dpop_signing_alg_values_supported\":[\"ES256\",\"PS256\"],"
                + "\"dpop_bound_access_tokens_required\":true}");
  }

  @Test
  void documentWhenDpopAlgorithmIsSymmetricThenRefused() {
    assertThatThrownBy(
            () ->
                document(
                    "resource", "https://rs.example", "dpopSigningAlgValuesSupported", "HS256"))
        .hasMessageContaining("[HS256]");
  }

  @Test
  void documentWhenAllSettingsThenAllMembers() {
    assertThat(
            document(
                "resource", "https://rs.example/api",
                "authorizationServers", "https://as.example, https://as2.example",
                "scopesSupported", "orders:read,orders:write",
                "bearerMethodsSupported", "header",
                "resourceName", "Orders",
                "resourceDocumentation", "https://rs.example/docs"))
        .isEqualTo(
            "{\"resource\":\"https://rs.example/api\","
                + "\"authorization_servers\":[\"https://as.example\",\"https://as2.example\"],"
                + "\"scopes_supported\":[\"orders:read\",\"orders:write\"],"
                + "\"bearer_methods_supported\":[\"header\"],"
                + "\"resource_name\":\"Orders\","
                + "\"resource_documentation\":\"https://rs.example/docs\"}");
  }

  @Test
  void documentWhenResourceMissingThenRefused() {
    assertThatThrownBy(() -> document())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Missing required setting resource");
  }

  @Test
  void documentWhenResourceHasFragmentOrQueryThenRefusedNamingKeyAndValue() {
    assertThatThrownBy(() -> document("resource", "https://rs.example/#x"))
        .hasMessage(
            "Invalid value [https://rs.example/#x] for setting resource: expected an absolute"
                + " http(s) URL without query or fragment");
    assertThatThrownBy(() -> document("resource", "https://rs.example/?a=b"))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> document("resource", "urn:x"))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> document("resource", "https://rs example"))
        .hasMessage("Invalid value [https://rs example] for setting resource: not a URL");
  }

  @Test
  void documentWhenBearerMethodUnknownOrKeyUnknownThenRefused() {
    assertThatThrownBy(() -> document("resource", "https://rs", "bearerMethodsSupported", "cookie"))
        .hasMessage(
            "Invalid value [cookie] for setting bearerMethodsSupported: expected header, body or"
                + " query");
    assertThatThrownBy(() -> document("resource", "https://rs", "resourceNmae", "x"))
        .hasMessageStartingWith("Unknown setting [resourceNmae]");
  }
}
