package dev.portcullis.introspection;

import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.CLIENT_AUTHENTICATION;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.CLIENT_ID;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.CLIENT_SECRET;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.NAME;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Metrics;
import dev.portcullis.http.OutboundHttp;
import dev.portcullis.introspection.IntrospectionSettings.ClientAuthentication;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonStructure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Calls the RFC 7662 introspection endpoint: a form POST of the token, authenticated with the
 * resource server's client credentials, bounded in time, size and concurrency, never following a
 * redirect. Every answer other than a well-formed JSON object with status 200 is a {@link
 * ServiceUnavailableException}. Messages and logs never contain the token or the client secret.
 */
final class IntrospectionClient {
  private static final System.Logger LOG = System.getLogger(IntrospectionClient.class.getName());

  private final IntrospectionSettings settings;
  private final JsonReaderFactory json;
  private final OutboundHttp http;
  private final String basicAuthorization;
  private final String credentialParameters;
  private final Semaphore inFlight;
  private final Metrics metrics;
  private final Map<String, String> tags;

  IntrospectionClient(IntrospectionSettings settings, JsonReaderFactory json) {
    this(settings, json, Metrics.NONE);
  }

  IntrospectionClient(IntrospectionSettings settings, JsonReaderFactory json, Metrics metrics) {
    this.settings = settings;
    this.json = json;
    this.metrics = metrics;
    this.tags = Map.of("endpoint", settings.endpoint().toString());
    this.inFlight = new Semaphore(settings.maxConcurrentCalls());
    this.http =
        new OutboundHttp(
            "portcullis-introspection",
            settings.connectTimeout(),
            settings.readTimeout(),
            settings.maxResponseSize(),
            settings.sslContext());
    // RFC 6749 §2.3.1: id and secret are form-url-encoded before Basic encoding.
    String id = formEncode(settings.clientId());
    String secret = formEncode(settings.clientSecret());
    boolean basic = settings.clientAuthentication() == ClientAuthentication.CLIENT_SECRET_BASIC;
    this.basicAuthorization =
        basic
            ? "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(UTF_8))
            : null;
    this.credentialParameters = basic ? "" : "&client_id=" + id + "&client_secret=" + secret;
  }

  /**
   * Introspects a token.
   *
   * @param token the access token, sent exactly as given
   * @return the authorization server's JSON object
   * @throws ServiceUnavailableException when the server cannot be reached or answers anything but a
   *     JSON object with status 200
   */
  JsonObject introspect(String token) throws ServiceUnavailableException {
    HttpRequest.Builder request =
        http.request(settings.endpoint())
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "token="
                        + formEncode(token)
                        + "&token_type_hint=access_token"
                        + credentialParameters,
                    UTF_8));
    if (basicAuthorization != null) {
      request.header("Authorization", basicAuthorization);
    }
    OutboundHttp.Response response = send(request.build());
    int status = response.status();
    if (status == 401 || status == 403) {
      String message =
          "Introspection endpoint "
              + settings.endpoint()
              + " refused this resource server's client credentials (HTTP "
              + status
              + "); check "
              + NAME
              + "."
              + CLIENT_ID
              + ", "
              + NAME
              + "."
              + CLIENT_SECRET
              + " and "
              + NAME
              + "."
              + CLIENT_AUTHENTICATION
              + ". The token presented by the client was not judged";
      LOG.log(System.Logger.Level.ERROR, message);
      throw new ServiceUnavailableException(message);
    }
    if (status != 200) {
      throw unavailable(
          status >= 300 && status < 400
              ? "answered a redirect (HTTP " + status + "), which is not followed"
              : "answered HTTP " + status);
    }
    if (!isJson(response.headers().firstValue("Content-Type").orElse(""))) {
      throw unavailable("answered a content type other than application/json");
    }
    if (response.body() == null) {
      throw unavailable("answered more than " + settings.maxResponseSize() + " bytes");
    }
    return parse(response.body());
  }

  private OutboundHttp.Response send(HttpRequest request) throws ServiceUnavailableException {
    // A slow server must not hold every request thread: beyond the limit, fail at once.
    if (!inFlight.tryAcquire()) {
      throw unavailable("already has " + settings.maxConcurrentCalls() + " calls in flight");
    }
    long start = System.nanoTime();
    try {
      return await(request);
    } finally {
      inFlight.release();
      metrics.record("introspection.latency", tags, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private OutboundHttp.Response await(HttpRequest request) throws ServiceUnavailableException {
    try {
      return http.send(request);
    } catch (IOException e) {
      throw new ServiceUnavailableException(
          "Introspection endpoint " + settings.endpoint() + " " + e.getMessage(), e.getCause());
    }
  }

  /** Stops the client's threads; later calls fail as unavailable. */
  void close() {
    http.close();
  }

  private JsonObject parse(byte[] body) throws ServiceUnavailableException {
    try (JsonReader reader = json.createReader(new ByteArrayInputStream(body), UTF_8)) {
      JsonStructure value = reader.read();
      if (value instanceof JsonObject object) {
        return object;
      }
      throw unavailable("answered JSON that is not an object");
    } catch (JsonException | IllegalArgumentException e) {
      // JSON-P throws NumberFormatException for a number such as 1e2147483648: still malformed
      throw unavailable("answered malformed JSON");
    }
  }

  private static boolean isJson(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT).equals("application/json");
  }

  /** {@code application/x-www-form-urlencoded} (RFC 6749 Appendix B): {@code + / = & %} survive. */
  static String formEncode(String value) {
    return URLEncoder.encode(value, UTF_8);
  }

  private ServiceUnavailableException unavailable(String what) {
    return new ServiceUnavailableException(
        "Introspection endpoint " + settings.endpoint() + " " + what);
  }
}
