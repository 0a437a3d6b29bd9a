package dev.portcullis.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS requests to {@code 127.0.0.1:port} presenting a client certificate (or none), trusting only
 * the given root for the server's certificate. A new connection per request, so every request runs
 * its own handshake.
 */
final class TlsClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final Pki.Issued serverRoot;
  private final int port;

  TlsClient(Pki.Issued serverRoot, int port) {
    this.serverRoot = serverRoot;
    this.port = port;
  }

  /** A GET presenting {@code who}'s certificate (none when null); headers are name, value pairs. */
  HttpResponse<String> get(Pki.Issued who, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(TIMEOUT);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .sslContext(context(who))
            .build();
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET over a socket limited to {@code protocol} (for example TLSv1.2); the whole response. */
  String raw(Pki.Issued who, String path, String protocol) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) context(who).getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Only the handshake, limited to {@code protocol}. */
  void handshake(Pki.Issued who, String protocol) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) context(who).getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
    }
  }

  private SSLContext context(Pki.Issued who) throws Exception {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(Pki.trustStore(serverRoot));
    KeyStore keyStore;
    if (who == null) {
      keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
    } else {
      keyStore = Pki.keyStore("client", who);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, Pki.PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }
}
