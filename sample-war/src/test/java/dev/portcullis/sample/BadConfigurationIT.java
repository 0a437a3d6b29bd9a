package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.testing.LinkageFailureFactory;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A misspelt setting stops deployment on Payara Micro: the server log names the key and the
 * application is not served. The WARs hold only the filter libraries. For a filter declared in
 * {@code web.xml}, filter-core's container initializer runs the deployment check; for a filter made
 * in code, {@code AuthenticationFilterBuilder.register} checks it from the application's listener.
 * A filter declared without init-params, configured only through MicroProfile Config, is checked
 * like any other, and so are its {@code portcullis.<filter>.<key>} overrides' names. Without them
 * Payara Micro would deploy the application and skip the failed filter.
 */
@ExtendWith(ArquillianExtension.class)
class BadConfigurationIT {
  private static final String MISSPELT = "requiredScope";

  @ArquillianResource private Deployer deployer;

  @Deployment(name = "misspelt", managed = false, testable = false)
  static WebArchive misspeltWar() {
    return libraries("misspelt.war").setWebXML(new StringAsset(webXml()));
  }

  @Deployment(name = "coded-misspelt", managed = false, testable = false)
  static WebArchive codedMisspeltWar() {
    return coded("coded-misspelt.war", MISSPELT);
  }

  @Deployment(name = "coded", managed = false, testable = false)
  static WebArchive codedWar() {
    return coded("coded.war", "requiredScopes");
  }

  @Deployment(name = "mp-bad", managed = false, testable = false)
  static WebArchive microProfileBadWar() {
    return microProfileOnly("mp-bad.war", "portcullis.mp.required=yes");
  }

  @Deployment(name = "mp-misspelt", managed = false, testable = false)
  static WebArchive microProfileMisspeltWar() {
    return microProfileOnly("mp-misspelt.war", "portcullis.mp." + MISSPELT + "=orders:read");
  }

  @Deployment(name = "mp-head", managed = false, testable = false)
  static WebArchive microProfileHeadWar() {
    return microProfileOnly("mp-head.war", "portcullis.mp.methods=GET,POST");
  }

  /** An environment variable's form in a properties file: MicroProfile Config never reads it. */
  @Deployment(name = "mp-env-form", managed = false, testable = false)
  static WebArchive microProfileEnvironmentFormWar() {
    return microProfileOnly("mp-env-form.war", "PORTCULLIS_MP_REQUIREDSCOPES=orders:read");
  }

  @Deployment(name = "annotated-bad", managed = false, testable = false)
  static WebArchive annotatedBadWar() {
    return libraries("annotated-bad.war")
        .addClass(AnnotatedFilter.class)
        .addAsResource(
            new StringAsset(
                "portcullis.annotated.mechanisms=apiKey\n"
                    + "portcullis.annotated.apiKey.file=webapp:/WEB-INF/demo-api-keys.properties\n"
                    + "portcullis.annotated.required=yes\n"),
            "META-INF/microprofile-config.properties");
  }

  @Deployment(name = "unchecked-bad", managed = false, testable = false)
  static WebArchive uncheckedBadWar() {
    return unchecked("unchecked-bad.war", "apiKey", "required", "yes");
  }

  @Deployment(name = "unchecked-error", managed = false, testable = false)
  static WebArchive uncheckedErrorWar() {
    return unchecked("unchecked-error.war", LinkageFailureFactory.NAME, "realm", "api")
        .addClass(LinkageFailureFactory.class)
        .addAsServiceProvider(AuthenticatorFactory.class, LinkageFailureFactory.class);
  }

  /** A WAR whose listener adds a filter by class, out of reach of the deployment check. */
  private static WebArchive unchecked(String name, String mechanisms, String key, String value) {
    return libraries(name)
        .addClass(UncheckedFilterListener.class)
        .setWebXML(
            new StringAsset(
                """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param><param-name>mechanisms</param-name><param-value>%s</param-value></context-param>
                  <context-param><param-name>key</param-name><param-value>%s</param-value></context-param>
                  <context-param><param-name>value</param-name><param-value>%s</param-value></context-param>
                </web-app>
                """
                    .formatted(mechanisms, key, value)));
  }

  /**
   * A filter declared without init-params, configured only through the WAR's MicroProfile Config:
   * API keys from the demo file, plus {@code line}.
   */
  private static WebArchive microProfileOnly(String name, String line) {
    return libraries(name)
        .addAsResource(
            new StringAsset(
                "portcullis.mp.mechanisms=apiKey\n"
                    + "portcullis.mp.apiKey.file=webapp:/WEB-INF/demo-api-keys.properties\n"
                    + line
                    + "\n"),
            "META-INF/microprofile-config.properties")
        .setWebXML(
            new StringAsset(
                """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <filter>
                    <filter-name>mp</filter-name>
                    <filter-class>dev.portcullis.web.AuthenticationFilter</filter-class>
                  </filter>
                  <filter-mapping><filter-name>mp</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                </web-app>
                """));
  }

  /** The filter libraries, the demo key file and a page to serve; no filter yet. */
  private static WebArchive libraries(String name) {
    return ShrinkWrap.create(WebArchive.class, name)
        .merge(
            SampleWar.imported("sample.war"),
            Filters.include("/WEB-INF/lib/.*|/WEB-INF/demo-api-keys.properties"))
        .addAsWebResource(new StringAsset("served"), "index.html");
  }

  /** A WAR whose listener registers a builder-made filter with the scopes under {@code key}. */
  private static WebArchive coded(String name, String key) {
    return libraries(name)
        .addClass(CodedFilterListener.class)
        .setWebXML(
            new StringAsset(
                """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param><param-name>scopesKey</param-name><param-value>%s</param-value></context-param>
                </web-app>
                """
                    .formatted(key)));
  }

  private static String webXml() {
    return """
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          <filter>
            <filter-name>misspelt</filter-name>
            <filter-class>dev.portcullis.web.AuthenticationFilter</filter-class>
            <init-param><param-name>mechanisms</param-name><param-value>apiKey</param-value></init-param>
            <init-param>
              <param-name>apiKey.file</param-name>
              <param-value>webapp:/WEB-INF/demo-api-keys.properties</param-value>
            </init-param>
            <init-param><param-name>%s</param-name><param-value>orders:read</param-value></init-param>
          </filter>
          <filter-mapping><filter-name>misspelt</filter-name><url-pattern>/*</url-pattern></filter-mapping>
        </web-app>
        """
        .formatted(MISSPELT);
  }

  @Test
  void deployWhenInitParamMisspeltThenAppNotServedAndLogNamesTheKey() throws Exception {
    assertNotServed("misspelt");
  }

  @Test
  void deployWhenBuilderSettingMisspeltThenAppNotServedAndLogNamesTheKey() throws Exception {
    assertNotServed("coded-misspelt");
  }

  @Test
  void deployWhenBuilderSettingsGoodThenFilterGuardsTheApp() throws Exception {
    String log = deploy("coded");
    try {
      HttpResponse<String> response = get(port(log), "/coded/index.html");
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().allValues("WWW-Authenticate"))
          .containsExactly("ApiKey realm=\"api\"");
    } finally {
      deployer.undeploy("coded");
    }
  }

  @Test
  void deployWhenFilterWithoutInitParamsHasBadMicroProfileValueThenAppNotServed() throws Exception {
    assertNotServed(
        "mp-bad", "Filter mp: Invalid value [yes] for setting required: expected true or false");
  }

  @Test
  void deployWhenMicroProfileOverrideMisspeltThenAppNotServedAndLogNamesKeyAndHint()
      throws Exception {
    assertNotServed(
        "mp-misspelt",
        "Filter mp: Unknown setting [portcullis.mp."
            + MISSPELT
            + "], an override of filter mp; did you mean requiredScopes?");
  }

  @Test
  void deployWhenEnvironmentFormInPropertiesFileThenAppNotServedAndLogSaysNeverRead()
      throws Exception {
    assertNotServed(
        "mp-env-form",
        "Filter mp: Unknown setting [PORTCULLIS_MP_REQUIREDSCOPES], an override of filter mp that"
            + " is never read (an environment variable's form is read only from the environment,"
            + " and only as is or upper-cased); write it as the property"
            + " portcullis.mp.requiredScopes or the environment variable"
            + " PORTCULLIS_MP_REQUIREDSCOPES");
  }

  @Test
  void deployWhenAnnotatedFilterHasBadMicroProfileValueThenAppNotServed() throws Exception {
    assertNotServed(
        "annotated-bad",
        "Filter annotated: Invalid value [yes] for setting required: expected true or false");
  }

  /**
   * A filter no deployment check sees (added by class from a listener) and whose {@code init}
   * fails, with a bad value or with an {@link Error} from a mechanism, stays in the chain and
   * answers 503: Payara Micro would otherwise serve the application without it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"unchecked-bad", "unchecked-error"})
  void requestWhenFilterInitFailedThenUnavailableNeverServed(String name) throws Exception {
    String log = deploy(name);
    try {
      HttpResponse<String> response = get(port(log), "/" + name + "/index.html");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().allValues("Retry-After")).containsExactly("5");
      assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
      assertThat(response.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
      assertThat(log).contains("Filter unchecked did not start and answers every request with 503");
    } finally {
      deployer.undeploy(name);
    }
  }

  /** HEAD is GET without a body: a filter whose methods name GET but not HEAD covers HEAD. */
  @Test
  void headWhenMethodsNameGetButNotHeadThenUnauthorized() throws Exception {
    String log = deploy("mp-head");
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port(log) + "/mp-head/index.html"))
                      .method("HEAD", HttpRequest.BodyPublishers.noBody())
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().allValues("WWW-Authenticate"))
          .containsExactly("ApiKey realm=\"api\"");
    } finally {
      deployer.undeploy("mp-head");
    }
  }

  private void assertNotServed(String name) throws Exception {
    assertNotServed(
        name,
        "Filter "
            + (name.equals("misspelt") ? "misspelt" : "coded")
            + ": Unknown setting ["
            + MISSPELT
            + "]; check the spelling or the mechanisms list");
  }

  private void assertNotServed(String name, String logLine) throws Exception {
    String log = deploy(name);
    try {
      assertThat(log)
          .contains(logLine)
          .contains("Exception while loading the app")
          .containsPattern("\"Deployed\": \\[\\s*]");
      assertThat(get(port(log), "/" + name + "/index.html").statusCode()).isEqualTo(404);
    } finally {
      deployer.undeploy(name);
    }
  }

  /** Deploys and returns what the server logged meanwhile. */
  private String deploy(String name) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream console = System.out;
    // the container copies the server's output to System.out (outputToConsole in arquillian.xml)
    System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
    try {
      // arquillian-payara-micro-managed 3.1 does not notice an empty "Deployed" list, so a
      // failure shows in the server log and in what the server serves, not as an exception
      deployer.deploy(name);
    } finally {
      System.setOut(console);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static String port(String log) {
    Matcher port = Pattern.compile("\"Http Port\\(s\\)\": \"(\\d+)\"").matcher(log);
    assertThat(port.find()).as("HTTP port in the server log").isTrue();
    return port.group(1);
  }

  private static HttpResponse<String> get(String port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
