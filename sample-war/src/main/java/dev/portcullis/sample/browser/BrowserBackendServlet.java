package dev.portcullis.sample.browser;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * DEMO ONLY: {@code POST /browser/key} plays the application's backend. It holds a long-lived API
 * key (read from a file), asks the API's {@code POST /api/ephemeral-keys} over HTTP for a key with
 * the page's {@code expires_in}, {@code single_use} and {@code scopes}, and answers the page with
 * that answer only: the long-lived key never reaches the browser. A real backend would first check
 * its own user's session; this demo answers anyone, so it is off unless {@value
 * BrowserDemoListener#KEY_FILE} is set.
 */
final class BrowserBackendServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_BODY = 1024;

  private final transient Path keyFile;
  private final transient HttpClient client =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  BrowserBackendServlet(Path keyFile) {
    this.keyFile = keyFile;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonObjectBuilder asked = Json.createObjectBuilder();
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
      JsonObject page = body.length > MAX_BODY ? JsonValue.EMPTY_JSON_OBJECT : reader.readObject();
      for (String member : new String[] {"expires_in", "single_use", "scopes"}) {
        if (page.containsKey(member)) {
          asked.add(member, page.get(member));
        }
      }
    } catch (RuntimeException e) {
      response.sendError(400);
      return;
    }
    String key = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
    URI mint =
        URI.create(
            "http://127.0.0.1:"
                + request.getLocalPort()
                + request.getContextPath()
                + "/api/ephemeral-keys");
    HttpResponse<String> minted;
    try {
      minted =
          client.send(
              HttpRequest.newBuilder(mint)
                  .timeout(TIMEOUT)
                  .header("Authorization", "Bearer " + key)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(asked.build().toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.sendError(503);
      return;
    }
    response.setStatus(minted.statusCode());
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(minted.body());
  }
}
