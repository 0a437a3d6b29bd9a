package dev.portcullis.testing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/** A filter chain that records the request it was called with. */
public final class RecordingChain implements FilterChain {
  private ServletRequest request;

  @Override
  public void doFilter(ServletRequest request, ServletResponse response) {
    this.request = request;
  }

  /**
   * @return the request passed on, or null when the filter answered itself
   */
  public ServletRequest request() {
    return request;
  }

  public boolean called() {
    return request != null;
  }
}
