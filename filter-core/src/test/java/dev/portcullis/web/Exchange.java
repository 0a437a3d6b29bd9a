package dev.portcullis.web;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.RecordingChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** One request through a started {@link AuthenticationFilter}, and what came out. */
final class Exchange {
  private final FakeResponse response = new FakeResponse();
  private final RecordingChain chain = new RecordingChain();

  private Exchange() {}

  /**
   * Starts a filter from init-params.
   *
   * @param keyValues alternating keys and values
   * @return the initialised filter
   */
  static AuthenticationFilter start(String... keyValues) throws ServletException {
    return start(new AuthenticationFilter(), keyValues);
  }

  /**
   * Initialises a filter with init-params.
   *
   * @param filter a filter, for example from the builder
   * @param keyValues alternating keys and values
   * @return the filter
   */
  static AuthenticationFilter start(AuthenticationFilter filter, String... keyValues)
      throws ServletException {
    FakeFilterConfig config = new FakeFilterConfig();
    for (int i = 0; i < keyValues.length; i += 2) {
      config.param(keyValues[i], keyValues[i + 1]);
    }
    filter.initialize(config);
    return filter;
  }

  /**
   * Sends a request through the filter.
   *
   * @param filter a started filter
   * @param request the request
   * @return the outcome
   */
  static Exchange run(AuthenticationFilter filter, FakeRequest request) {
    return run(filter, request.build());
  }

  static Exchange run(AuthenticationFilter filter, HttpServletRequest request) {
    Exchange exchange = new Exchange();
    // Typed as the container sees them, so the call enters through the public final doFilter.
    ServletRequest servletRequest = request;
    ServletResponse servletResponse = exchange.response.servlet();
    try {
      filter.doFilter(servletRequest, servletResponse, exchange.chain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ServletException e) {
      throw new IllegalStateException(e);
    }
    return exchange;
  }

  int status() {
    return response.status();
  }

  List<String> challenges() {
    return response.headers("WWW-Authenticate");
  }

  String header(String name) {
    return response.header(name);
  }

  List<String> headers(String name) {
    return response.headers(name);
  }

  String body() {
    return response.body();
  }

  String contentType() {
    return response.contentType();
  }

  boolean passed() {
    return chain.called();
  }

  HttpServletRequest forwarded() {
    return (HttpServletRequest) chain.request();
  }

  FakeResponse response() {
    return response;
  }
}
