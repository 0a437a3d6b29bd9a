package dev.portcullis.bench;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;

/**
 * A response that records only its status and discards the body. Most benchmarks measure accepted
 * requests, so a filter that writes anything else has refused the credential; {@link #status()}
 * lets set-up check that. {@link RefusedBenchmark} measures the refusals themselves.
 */
final class BenchResponse extends HttpServletResponseWrapper {
  private static final HttpServletResponse UNSUPPORTED =
      (HttpServletResponse)
          Proxy.newProxyInstance(
              HttpServletResponse.class.getClassLoader(),
              new Class<?>[] {HttpServletResponse.class},
              (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
              });

  private int status = 200;

  BenchResponse() {
    super(UNSUPPORTED);
  }

  int status() {
    return status;
  }

  /** The status back to 200, for the next request through a filter that may refuse. */
  BenchResponse fresh() {
    status = 200;
    return this;
  }

  @Override
  public void setStatus(int sc) {
    status = sc;
  }

  @Override
  public void setHeader(String name, String value) {}

  @Override
  public void addHeader(String name, String value) {}

  @Override
  public void setContentType(String type) {}

  @Override
  public boolean isCommitted() {
    return false;
  }

  @Override
  public void setContentLength(int length) {}

  @Override
  public ServletOutputStream getOutputStream() {
    return DISCARD;
  }

  /** A body sink that keeps no bytes. */
  private static final ServletOutputStream DISCARD =
      new ServletOutputStream() {
        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {}

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
      };
}
