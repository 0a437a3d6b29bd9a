package dev.portcullis.admin;

import dev.portcullis.apikey.KeyAdministration;
import dev.portcullis.apikey.KeyLifecycle;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Keys;
import dev.portcullis.config.TrustStores;
import dev.portcullis.http.OutboundHttp;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint of GitHub's secret-scanning partner program ({@link LeakedKeyAlerts}): map it in
 * {@code web.xml} on a path the Portcullis filter does not authenticate (the alert's signature is
 * its credential). Init-params: {@value #PUBLIC_KEYS_URL} (default GitHub's), {@value
 * #PUBLIC_KEYS_TTL} (default {@code 1h}), {@value #CONNECT_TIMEOUT} and {@value #READ_TIMEOUT}
 * (default {@code 5s} each), {@code trustStore} and {@code trustStorePassword} (this endpoint's own
 * trust for the key URL, default the JDK's); the former {@code timeout} stops deployment, renamed.
 * A request body above {@value #MAX_BODY} bytes is refused unread.
 */
public class LeakedKeyServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Init-param of the public keys' URL. */
  public static final String PUBLIC_KEYS_URL = "publicKeysUrl";

  /** GitHub's public keys for secret-scanning alerts. */
  public static final String DEFAULT_PUBLIC_KEYS_URL =
      "https://api.github.com/meta/public_keys/secret_scanning";

  /** Init-param of how long fetched keys are used. */
  public static final String PUBLIC_KEYS_TTL = "publicKeysTtl";

  /** Default of {@value #PUBLIC_KEYS_TTL}. */
  public static final Duration DEFAULT_PUBLIC_KEYS_TTL = Duration.ofHours(1);

  /** Init-param of the bound on connecting to the key URL, as every mechanism names it. */
  public static final String CONNECT_TIMEOUT = Keys.CONNECT_TIMEOUT;

  /** Init-param of the bound on waiting for the key document, as every mechanism names it. */
  public static final String READ_TIMEOUT = Keys.READ_TIMEOUT;

  /** Default of {@value #CONNECT_TIMEOUT} and {@value #READ_TIMEOUT}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** The init-param of both timeouts before they were named as everywhere else. */
  static final String RENAMED_TIMEOUT = "timeout";

  /** The largest alert body read. */
  public static final int MAX_BODY = 1024 * 1024;

  /** The largest public-key document read. */
  static final int MAX_KEYS_DOCUMENT = 64 * 1024;

  private transient OutboundHttp http;
  private transient LeakedKeyAlerts alerts;

  /** Created by the container. */
  public LeakedKeyServlet() {}

  @Override
  public void init(ServletConfig servletConfig) throws ServletException {
    super.init(servletConfig);
    Map<String, String> params = new HashMap<>();
    for (String name : Collections.list(servletConfig.getInitParameterNames())) {
      params.put(name, servletConfig.getInitParameter(name));
    }
    Config config = Config.of(params);
    config.renamed(RENAMED_TIMEOUT, CONNECT_TIMEOUT + ", " + READ_TIMEOUT);
    String location = config.string(PUBLIC_KEYS_URL).orElse(DEFAULT_PUBLIC_KEYS_URL);
    URI url;
    try {
      url = URI.create(location);
    } catch (IllegalArgumentException e) {
      url = null;
    }
    if (url == null
        || url.getHost() == null
        || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
      throw new ServletException(
          new ConfigurationException(
              "Setting " + PUBLIC_KEYS_URL + " [" + location + "]: expected an http(s) URL"));
    }
    http =
        new OutboundHttp(
            "portcullis-leaked-keys",
            config.positiveDuration(CONNECT_TIMEOUT, DEFAULT_TIMEOUT),
            config.positiveDuration(READ_TIMEOUT, DEFAULT_TIMEOUT),
            MAX_KEYS_DOCUMENT,
            TrustStores.sslContext(config));
    alerts =
        new LeakedKeyAlerts(
            new GitHubPublicKeys(
                http,
                url,
                config.duration(PUBLIC_KEYS_TTL, DEFAULT_PUBLIC_KEYS_TTL),
                Clock.systemUTC()));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    LeakedKeyAlerts.Answer answer;
    if (request.getContentLengthLong() > MAX_BODY) {
      answer = LeakedKeyAlerts.tooLarge();
    } else {
      byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
      Optional<KeyLifecycle> keys =
          KeyAdministration.of(getServletContext()).map(KeyAdministration::keys);
      answer =
          body.length > MAX_BODY
              ? LeakedKeyAlerts.tooLarge()
              : alerts.handle(
                  body,
                  request.getHeader("Github-Public-Key-Identifier"),
                  request.getHeader("Github-Public-Key-Signature"),
                  keys);
    }
    response.setStatus(answer.status());
    response.setContentType(answer.status() == 200 ? "application/json" : Problems.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void destroy() {
    if (http != null) {
      http.close();
    }
  }
}
