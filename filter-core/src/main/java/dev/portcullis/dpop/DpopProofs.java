package dev.portcullis.dpop;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.AuthError;
import dev.portcullis.RequestAttributes;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.grid.Grid;
import dev.portcullis.grid.GridUnavailableException;
import dev.portcullis.jose.ParsedToken;
import dev.portcullis.jose.Signatures;
import dev.portcullis.jose.SigningAlgorithm;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Checks the DPoP proof of a request that presents a DPoP-bound access token (RFC 9449 §4.3, §7.1):
 * one {@code DPoP} field, a strictly shaped compact JWS of type {@code dpop+jwt}, an allowed
 * asymmetric algorithm, a public {@code jwk}, the signature (the JCA path of {@link Signatures}),
 * {@code htm}, {@code htu}, {@code iat} within the window, {@code ath}, the key's thumbprint equal
 * to the token's {@code cnf.jkt}, the server nonce when nonces are on, and a {@code jti} not used
 * before with that key. Runs on every request: only the parsed key of a header seen before is
 * cached (bounded), never a proof's freshness.
 */
public final class DpopProofs {
  /**
   * The replay space of proof identifiers, one per window length (the grid holds one TTL per
   * space): a proof names one URI and method, so it is only ever good at the filter guarding them.
   */
  private static final String REPLAY_SPACE = "dpop.jti.";

  /** The request attribute holding the replay mark of a proof an earlier filter accepted. */
  private static final String ACCEPTED = RequestAttributes.DPOP_PROOF_ACCEPTED;

  /** Header members a proof may not carry: key indirections, nesting, compression, crit. */
  private static final Set<String> REFUSED_HEADERS =
      Set.of("jku", "x5u", "x5c", "crit", "b64", "zip", "cty", "enc");

  private static final int KEY_CACHE_SIZE = 1_000;
  private static final int MAX_JTI = 256;
  private static final String TYPE = "dpop+jwt";

  private final DpopSettings settings;
  private final Clock clock;
  private final Grid replay;

  /** How long a proof identifier stays used: as long as its {@code iat} can be accepted. */
  private final Duration window;

  private final String space;
  private final TargetUri targets;
  private final Nonces nonces;
  private final Cache<Long, Header> headers;

  /** An accepted header: its text, members, algorithm and key. */
  private record Header(
      byte[] text, Map<String, Object> parsed, SigningAlgorithm algorithm, ProofKey key) {}

  /**
   * Creates the check.
   *
   * @param settings the filter's DPoP settings
   * @param clock wall-clock time, for {@code iat} and nonces
   * @param ticker monotonic time for the key cache
   * @param replay the filter's grid, which records used proof identifiers (cluster-wide with {@code
   *     grid=jcache})
   */
  public DpopProofs(DpopSettings settings, Clock clock, Ticker ticker, Grid replay) {
    this.settings = settings;
    this.clock = clock;
    this.replay = replay;
    this.window = settings.proofLifetime().plus(settings.clockSkew());
    this.space = REPLAY_SPACE + window.toMillis();
    this.targets = new TargetUri(settings.trustedProxies());
    this.nonces =
        settings.nonces()
            ? new Nonces(settings.nonceSecret(), settings.nonceLifetime(), clock)
            : null;
    this.headers = Caffeine.newBuilder().maximumSize(KEY_CACHE_SIZE).ticker(ticker).build();
  }

  /**
   * The nonce to send in {@code DPoP-Nonce} with a refusal.
   *
   * @return the current nonce, or null when nonces are off
   */
  public String currentNonce() {
    return nonces == null ? null : nonces.current();
  }

  /**
   * The outcome of a proof check. Checking writes nothing on the request: the filter records the
   * mark under {@link RequestAttributes#DPOP_PROOF_ACCEPTED}, so that a later filter checking the
   * same request does not count the same proof twice.
   *
   * @param refusal {@code invalid_dpop_proof} or {@code use_dpop_nonce}, or null when the proof is
   *     good
   * @param mark the replay mark of the accepted proof, or null when refused
   */
  public record Checked(AuthError refusal, String mark) {
    static Checked refused(AuthError refusal) {
      return new Checked(refusal, null);
    }
  }

  /**
   * Checks the request's proof for a token bound to {@code jkt}.
   *
   * @param request the request
   * @param tokenFingerprint {@link dev.portcullis.Fingerprint#of(String)} of the access token as
   *     presented: base64url SHA-256, the value {@code ath} must have
   * @param jkt the token's {@code cnf.jkt}
   * @return the refusal, or the replay mark of the accepted proof
   * @throws ServiceUnavailableException when the grid cannot record the proof (full, or the cluster
   *     lost)
   */
  public Checked check(HttpServletRequest request, String tokenFingerprint, String jkt)
      throws ServiceUnavailableException {
    String proof = onlyField(request);
    if (proof == null) {
      return Checked.refused(DpopErrors.NOT_ONE);
    }
    if (proof.isEmpty() || proof.length() > settings.maxProofLength()) {
      return Checked.refused(DpopErrors.MALFORMED);
    }
    byte[] ascii = ParsedToken.ascii(proof);
    int dot = proof.indexOf('.');
    Header header = dot < 0 ? null : seen(ascii, dot);
    ParsedToken parsed;
    try {
      // a header seen before is not parsed again: the same text is the same header
      parsed =
          header == null
              ? ParsedToken.parse(proof, REFUSED_HEADERS)
              : ParsedToken.parse(proof, ascii, header.parsed());
    } catch (ParsedToken.BadToken e) {
      return Checked.refused(DpopErrors.MALFORMED);
    }
    if (header == null) {
      Object refusal = header(parsed, Arrays.copyOf(ascii, dot));
      if (refusal instanceof AuthError error) {
        return Checked.refused(error);
      }
      header = (Header) refusal;
      headers.put(headerKey(ascii, dot), header);
    }
    if (!Signatures.verify(parsed, header.algorithm(), header.key().key())) {
      return Checked.refused(DpopErrors.SIGNATURE);
    }
    AuthError claims = claims(parsed, request, tokenFingerprint);
    if (claims != null) {
      return Checked.refused(claims);
    }
    if (!same(header.key().thumbprint(), jkt)) {
      return Checked.refused(DpopErrors.WRONG_KEY);
    }
    if (nonces != null
        && !(parsed.claims().get("nonce") instanceof String nonce && nonces.accepts(nonce))) {
      return Checked.refused(DpopErrors.USE_NONCE);
    }
    // the key's thumbprint and the jti, neither of them secret (the grid hashes it: a local one
    // with its seeded hash, a clustered one with SHA-256); the proof itself is never kept
    String mark = jkt + ' ' + parsed.claims().get("jti");
    if (mark.equals(request.getAttribute(ACCEPTED))) {
      return new Checked(null, mark); // a later filter authenticating the same request
    }
    try {
      if (!replay.firstUse(space, mark, window)) {
        return Checked.refused(DpopErrors.REPLAYED);
      }
    } catch (GridUnavailableException e) {
      throw new ServiceUnavailableException("The DPoP replay store is unavailable", e);
    }
    return new Checked(null, mark);
  }

  /** The value of the one {@code DPoP} field, stripped; null when there is none or several. */
  private static String onlyField(HttpServletRequest request) {
    Enumeration<String> fields = request.getHeaders("DPoP");
    if (fields == null || !fields.hasMoreElements()) {
      return null;
    }
    String proof = fields.nextElement();
    return fields.hasMoreElements() ? null : proof.strip();
  }

  /** The cached header whose text is the proof's first {@code dot} characters, or null. */
  private Header seen(byte[] ascii, int dot) {
    Header header = headers.getIfPresent(headerKey(ascii, dot));
    // another header with the same key is parsed, and then kept instead
    return header != null && Arrays.equals(header.text(), 0, dot, ascii, 0, dot) ? header : null;
  }

  /**
   * The key of a header in the cache: its length and CRC-32C, which the JDK computes with the
   * processor's CRC instruction. The header as a {@code String} key (a copy and its hash) cost 208
   * ns a lookup, this one 99 ns with the byte copy that parsing then reuses (BENCHMARKS.md,
   * "Session of 2026-12-05 (fifth)"). A cached header is used only when its text is the same, so a
   * key shared by two headers (which a client can make) only costs a parse.
   */
  private static Long headerKey(byte[] ascii, int length) {
    CRC32C crc = new CRC32C();
    crc.update(ascii, 0, length);
    return crc.getValue() << Integer.SIZE | length;
  }

  /** The algorithm and key of a header not seen before, or the refusal. */
  private Object header(ParsedToken parsed, byte[] text) {
    if (!(parsed.header().get("typ") instanceof String typ) || !typ.equalsIgnoreCase(TYPE)) {
      return DpopErrors.MALFORMED;
    }
    SigningAlgorithm algorithm =
        SigningAlgorithm.byName(parsed.alg()).filter(settings.algorithms()::contains).orElse(null);
    if (algorithm == null) {
      return DpopErrors.ALGORITHM;
    }
    try {
      return new Header(text, parsed.header(), algorithm, ProofKey.of(parsed.header(), algorithm));
    } catch (ProofKey.Refused e) {
      return DpopErrors.KEY;
    }
  }

  /** {@code jti}, {@code htm}, {@code htu}, {@code iat} and {@code ath}; null when all hold. */
  private AuthError claims(ParsedToken parsed, HttpServletRequest request, String expected) {
    var claims = parsed.claims();
    if (!(claims.get("jti") instanceof String jti && !jti.isEmpty() && jti.length() <= MAX_JTI)
        || !(claims.get("htm") instanceof String htm)
        || !(claims.get("htu") instanceof String htu)
        || !(claims.get("ath") instanceof String ath)
        || !(claims.get("iat") instanceof Number iat)) {
      return DpopErrors.MALFORMED;
    }
    if (!htm.equals(request.getMethod())) {
      return DpopErrors.METHOD;
    }
    if (!targets.matches(htu, request)) {
      return DpopErrors.URI;
    }
    long now = clock.millis();
    double issued = iat.doubleValue() * 1000;
    if (!(issued >= now - settings.proofLifetime().toMillis()
        && issued <= now + settings.clockSkew().toMillis())) {
      return DpopErrors.STALE;
    }
    if (!same(ath, expected)) {
      return DpopErrors.ATH;
    }
    return null;
  }

  /** Equal strings, in time that depends on their lengths only. */
  private static boolean same(String a, String b) {
    int differ = a.length() ^ b.length();
    for (int i = 0, n = Math.min(a.length(), b.length()); i < n; i++) {
      differ |= a.charAt(i) ^ b.charAt(i);
    }
    return differ == 0;
  }
}
