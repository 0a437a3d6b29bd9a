package dev.portcullis.bench;

import dev.portcullis.web.AuthenticationFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * One Portcullis filter per mechanism, configured through the public builder as a deployment would
 * be, and a request carrying a credential it accepts.
 */
public enum Mechanism {
  /** {@code X-API-Key} against a hashed key file. */
  apiKey("apiKey"),
  /** RS256 bearer JWT against the loopback issuer's JWKS. */
  jwt("jwt"),
  /** Opaque bearer token introspected at the loopback issuer. */
  opaque("introspection"),
  /** TLS client certificate chain validated against a PEM trust anchor. */
  mtls("mtls");

  private final String filterName;

  Mechanism(String filterName) {
    this.filterName = filterName;
  }

  /** A filter chain that does nothing: the application's cost is not ours. */
  static final FilterChain NO_OP = (request, response) -> {};

  /** A ready filter and a request it accepts. */
  record Setup(AuthenticationFilter filter, BenchRequest request) {

    /**
     * Runs the filter once on a reset request.
     *
     * @param response the response
     * @throws IOException never with the fakes
     * @throws ServletException never with the fakes
     */
    void run(BenchResponse response) throws IOException, ServletException {
      filter.doFilter(request.reset(), response, NO_OP);
    }

    /** Runs once and fails unless the request was accepted. */
    Setup checked() throws IOException, ServletException {
      BenchResponse response = new BenchResponse();
      run(response);
      if (response.status() != 200) {
        throw new IllegalStateException("Benchmark credential refused: " + response.status());
      }
      return this;
    }
  }

  /**
   * Builds and initializes the filter for this mechanism.
   *
   * @param issuer the loopback authorization server
   * @param directory where files (key file, trust anchor) may be written
   * @param cached false to make every request a cache miss ({@code cacheTtl=0s})
   * @return the filter and an accepted request, already checked once
   * @throws Exception when set-up fails
   */
  Setup setUp(LoopbackIssuer issuer, Path directory, boolean cached) throws Exception {
    return setUp(issuer, directory, cached, Map.of());
  }

  /**
   * Builds and initializes the filter for this mechanism with further settings.
   *
   * @param issuer the loopback authorization server
   * @param directory where files (key file, trust anchor) may be written
   * @param cached false to make every request a cache miss ({@code cacheTtl=0s})
   * @param extra further filter settings, such as {@code rateLimit.limit}
   * @return the filter and an accepted request, already checked once
   * @throws Exception when set-up fails
   */
  Setup setUp(LoopbackIssuer issuer, Path directory, boolean cached, Map<String, String> extra)
      throws Exception {
    String ttl = cached ? "5m" : "0s";
    var builder = AuthenticationFilter.builder().mechanisms(filterName);
    extra.forEach(builder::set);
    BenchRequest request = new BenchRequest();
    switch (this) {
      case apiKey -> {
        String key = apiKey();
        Path file = directory.resolve("api-keys.properties");
        Files.writeString(
            file,
            key.substring(3, 19)
                + "=hash=sha256:"
                + sha256(key)
                + ";principal=alice;scopes=orders:read orders:write;roles=admin\n");
        builder.set("apiKey.file", file.toString()).set("apiKey.cacheTtl", ttl);
        request.header("X-API-Key", key);
      }
      case jwt -> {
        builder
            .set("jwt.issuer", issuer.issuer())
            .set("jwt.jwksUri", issuer.jwksUri())
            .set("jwt.audience", LoopbackIssuer.AUDIENCE)
            .set("jwt.algorithms", "RS256,PS256,ES256,EdDSA")
            .set("jwt.keyAlgorithms", "RS256")
            .set("jwt.rolesClaim", "groups")
            .set("jwt.cacheTtl", ttl);
        request.header("Authorization", "Bearer " + issuer.token(Algorithm.RS256));
      }
      case opaque -> {
        builder
            .set("introspection.endpoint", issuer.introspectionUri())
            .set("introspection.clientId", LoopbackIssuer.CLIENT_ID)
            .set("introspection.clientSecret", LoopbackIssuer.CLIENT_SECRET)
            .set("introspection.audience", LoopbackIssuer.AUDIENCE)
            .set("introspection.rolesClaim", "groups")
            .set("introspection.cacheTtl", ttl);
        request.header("Authorization", "Bearer " + LoopbackIssuer.OPAQUE);
      }
      case mtls -> {
        ClientCertificate certificate = new ClientCertificate(directory);
        builder.set("mtls.trustAnchors", certificate.caPem.toString());
        request.fixedAttribute(
            "jakarta.servlet.request.X509Certificate", new X509Certificate[] {certificate.client});
      }
    }
    AuthenticationFilter filter = builder.build();
    filter.init(new BenchFilterConfig("bench-" + name()));
    return new Setup(filter, request).checked();
  }

  private static String apiKey() {
    byte[] id = new byte[8];
    byte[] secret = new byte[32];
    SecureRandom random = new SecureRandom();
    random.nextBytes(id);
    random.nextBytes(secret);
    return "pc_"
        + HexFormat.of().formatHex(id)
        + "_"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  private static String sha256(String key) throws GeneralSecurityException {
    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
  }
}
