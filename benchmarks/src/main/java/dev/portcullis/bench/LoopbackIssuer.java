package dev.portcullis.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * An authorization server on loopback for the benchmarks: one key per algorithm published as a
 * JWKS, RS256/PS256/ES256/EdDSA access tokens ({@code typ: at+jwt}) and RFC 7662 introspection of
 * one opaque token. Both our filters and the Spring anchors talk to this same server.
 */
final class LoopbackIssuer implements AutoCloseable {
  static final String AUDIENCE = "api";
  static final String CLIENT_ID = "bench-rs";
  static final String CLIENT_SECRET = "bench-secret";
  static final String OPAQUE = "2YotnFZFEjr1zCsicMWpAA-bench-opaque-token";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  static {
    // Without TCP_NODELAY the JDK server's small answers meet delayed ACKs: ~40 ms per call that
    // would be the loopback's, not the introspection client's.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final Map<Algorithm, KeyPair> keys = new EnumMap<>(Algorithm.class);
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final String base;
  private final String jwks;
  private final long iat = Instant.now().getEpochSecond();
  private final long exp = iat + 3600;

  LoopbackIssuer() throws IOException, GeneralSecurityException, JoseException {
    List<PublicJsonWebKey> published = new ArrayList<>();
    for (Algorithm a : Algorithm.values()) {
      KeyPair pair = a.generate();
      keys.put(a, pair);
      PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
      jwk.setKeyId(kid(a));
      jwk.setAlgorithm(a.name());
      jwk.setUse("sig");
      published.add(jwk);
    }
    jwks = new JsonWebKeySet(published).toJson();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/jwks", x -> answer(x, jwks));
    server.createContext("/introspect", this::introspect);
    server.setExecutor(executor);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static String kid(Algorithm a) {
    return "bench-" + a.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The issuer identifier, which is also the base URL. */
  String issuer() {
    return base;
  }

  String jwksUri() {
    return base + "/jwks";
  }

  String introspectionUri() {
    return base + "/introspect";
  }

  KeyPair keys(Algorithm a) {
    return keys.get(a);
  }

  /**
   * A signed access token of typical size (about 0.8 KB for RS256).
   *
   * @param a the algorithm
   * @return the compact JWS
   * @throws GeneralSecurityException never on a standard JDK
   */
  String token(Algorithm a) throws GeneralSecurityException {
    return token(a, "");
  }

  /**
   * A signed access token with extra claims, such as a DPoP {@code cnf}.
   *
   * @param a the algorithm
   * @param extraClaims JSON members to add, each preceded by a comma, or empty
   * @return the compact JWS
   * @throws GeneralSecurityException never on a standard JDK
   */
  String token(Algorithm a, String extraClaims) throws GeneralSecurityException {
    String header = "{\"alg\":\"" + a.name() + "\",\"typ\":\"at+jwt\",\"kid\":\"" + kid(a) + "\"}";
    String claims =
        "{\"iss\":\""
            + base
            + "\",\"sub\":\"alice\",\"aud\":\""
            + AUDIENCE
            + "\",\"client_id\":\"bench-client\",\"iat\":"
            + iat
            + ",\"exp\":"
            + exp
            + ",\"jti\":\""
            + UUID.randomUUID()
            + "\",\"scope\":\"openid profile orders:read orders:write\",\"groups\":[\"admin\"]"
            + extraClaims
            + "}";
    String input =
        B64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature s = a.jca();
    s.initSign(keys.get(a).getPrivate());
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64.encodeToString(s.sign());
  }

  private void introspect(HttpExchange x) throws IOException {
    String body;
    try (InputStream in = x.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    boolean active = body.contains("token=" + OPAQUE);
    answer(
        x,
        !active
            ? "{\"active\":false}"
            : "{\"active\":true,\"sub\":\"alice\",\"scope\":\"orders:read orders:write\","
                + "\"client_id\":\"bench-client\",\"iss\":\""
                + base
                + "\",\"aud\":\""
                + AUDIENCE
                + "\",\"iat\":"
                + iat
                + ",\"exp\":"
                + exp
                + ",\"token_type\":\"Bearer\",\"groups\":[\"admin\"]}");
  }

  private static void answer(HttpExchange x, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
