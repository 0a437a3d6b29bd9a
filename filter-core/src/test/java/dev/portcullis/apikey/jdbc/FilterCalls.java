package dev.portcullis.apikey.jdbc;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Map;

/** Builds the full filter with the API key mechanism and sends requests through it. */
final class FilterCalls {
  private FilterCalls() {}

  static AuthenticationFilter filter(FakeTime time, Map<String, String> settings)
      throws ServletException {
    var builder = AuthenticationFilter.builder().mechanisms("apiKey").time(time, time);
    settings.forEach(builder::set);
    AuthenticationFilter filter = builder.build();
    Initializing.initialize(filter, new FakeFilterConfig());
    return filter;
  }

  /** The response to {@code GET /api/me} with the key in {@code X-API-Key}. */
  static Result send(AuthenticationFilter filter, String key) throws IOException, ServletException {
    FakeResponse response = new FakeResponse();
    RecordingChain chain = new RecordingChain();
    filter.doFilter(
        FakeRequest.get("/api/me").header("X-API-Key", key).build(), response.servlet(), chain);
    return new Result(response, chain);
  }

  record Result(FakeResponse response, RecordingChain chain) {
    int status() {
      return response.status();
    }

    String challenge() {
      return response.header("WWW-Authenticate");
    }
  }
}
