package dev.portcullis.introspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.testing.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings: defaults, and configuration errors that name the key and the value. */
class IntrospectionSettingsTest {
  private static final String ENDPOINT = "https://as.example/oauth2/introspect";
  @TempDir Path directory;

  private static IntrospectionSettings parse(Map<String, String> params) {
    return IntrospectionSettings.from(
        Config.of(params, name -> name.equals("AS_SECRET") ? "from-env" : null)
            .child("introspection"));
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> params = Fixture.settings(ENDPOINT);
    params.put("introspection." + key, value);
    return params;
  }

  private static void assertRefused(Map<String, String> params, String message) {
    assertThatThrownBy(() -> parse(params))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(message);
  }

  @Test
  void fromWhenMinimalThenDefaultsAndSecretRedacted() {
    IntrospectionSettings settings = parse(Fixture.settings(ENDPOINT));
    assertThat(settings.toString())
        .isEqualTo(
            "endpoint=https://as.example/oauth2/introspect, clientId=resource-server,"
                + " clientSecret=<redacted>, clientAuthentication=client_secret_basic,"
                + " connectTimeout=PT2S, readTimeout=PT5S, maxConcurrentCalls=64,"
                + " maxResponseSize=65536,"
                + " maxTokenLength=8192, cacheTtl=PT1M, negativeCacheTtl=PT10S,"
                + " cacheMaximumSize=10000, staleIfError=PT0S, issuer=-, audience=orders,"
                + " principalClaim=sub,"
                + " rolesClaim=-, clockSkew=PT30S, trustStore=JVM default");
    assertThat(settings.clientSecret()).isEqualTo(Fixture.CLIENT_SECRET);
  }

  @Test
  void fromWhenSecretFromEnvironmentThenResolved() {
    assertThat(parse(with("clientSecret", "env:AS_SECRET")).clientSecret()).isEqualTo("from-env");
  }

  @Test
  void fromWhenHttpOnRemoteHostThenRefused() {
    Map<String, String> params = Fixture.settings("http://as.example/introspect");
    assertRefused(
        params,
        "Invalid value [http://as.example/introspect] for setting introspection.endpoint: must"
            + " be https (http only for a loopback host)");
  }

  @Test
  void fromWhenHttpOnLoopbackThenAccepted() {
    for (String endpoint :
        new String[] {"http://localhost:8080/i", "http://127.0.0.1/i", "http://[::1]:9/i"}) {
      assertThat(parse(Fixture.settings(endpoint)).endpoint()).hasToString(endpoint);
    }
  }

  @Test
  void fromWhenEndpointHasUserInfoThenRefused() {
    assertRefused(
        Fixture.settings("https://user:pw@as.example/i"),
        "Invalid value [https://user:pw@as.example/i] for setting introspection.endpoint:"
            + " expected https://host/path without user or fragment");
  }

  @Test
  void fromWhenEndpointRelativeThenRefused() {
    assertRefused(
        Fixture.settings("//as.example/i"),
        "Invalid value [//as.example/i] for setting introspection.endpoint:"
            + " expected https://host/path without user or fragment");
  }

  @Test
  void fromWhenClientSecretMissingThenRefused() {
    Map<String, String> params = Fixture.settings(ENDPOINT);
    params.remove("introspection.clientSecret");
    assertRefused(params, "Missing required setting introspection.clientSecret");
  }

  @Test
  void fromWhenClientIdMissingThenRefused() {
    Map<String, String> params = Fixture.settings(ENDPOINT);
    params.remove("introspection.clientId");
    assertRefused(params, "Missing required setting introspection.clientId");
  }

  @Test
  void fromWhenClientAuthenticationUnknownThenRefused() {
    assertRefused(
        with("clientAuthentication", "private_key_jwt"),
        "Invalid value [private_key_jwt] for setting introspection.clientAuthentication:"
            + " expected client_secret_basic or client_secret_post");
  }

  @Test
  void fromWhenReadTimeoutZeroThenRefused() {
    assertRefused(
        with("readTimeout", "0s"),
        "Invalid value [PT0S] for setting introspection.readTimeout: must be greater than zero");
  }

  @Test
  void fromWhenMaxResponseSizeTooSmallThenRefused() {
    assertRefused(
        with("maxResponseSize", "10"),
        "Invalid value [10] for setting introspection.maxResponseSize: expected a number from 256"
            + " to 16777216");
  }

  @Test
  void fromWhenTrustStorePasswordWithoutTrustStoreThenRefused() {
    assertRefused(
        with("trustStorePassword", "changeit"),
        "Setting introspection.trustStorePassword needs introspection.trustStore");
  }

  @Test
  void fromWhenTrustStoreUnreadableThenRefusedNamingKeyAndValue() throws Exception {
    Path garbage = Files.writeString(directory.resolve("trust.p12"), "not a key store");
    assertRefused(
        with("trustStore", garbage.toString()),
        "Invalid value ["
            + garbage
            + "] for setting introspection.trustStore: cannot be read as a trust store with the"
            + " given password");
  }

  @Test
  void createWhenUnknownKeyThenRefusedByName() {
    Map<String, String> params = with("endpont", ENDPOINT);
    FakeTime time = new FakeTime();
    assertThatThrownBy(() -> Fixture.create(params, time))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Unknown setting [introspection.endpont]; check the spelling or the mechanisms list");
  }
}
