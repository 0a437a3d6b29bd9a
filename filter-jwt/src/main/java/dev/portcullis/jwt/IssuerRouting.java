package dev.portcullis.jwt;

import dev.portcullis.AuthResult;
import dev.portcullis.Fingerprint;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.cache.Verifier;
import dev.portcullis.jose.ParsedToken;
import java.util.Map;

/**
 * The verification step of the jwt mechanism: parses the token strictly, routes it by its
 * unverified {@code iss} to exactly one configured issuer, whose own keys and claim rules decide.
 */
final class IssuerRouting implements Verifier<String> {
  private static final System.Logger LOG = System.getLogger(IssuerRouting.class.getName());

  private final Map<String, Issuer> issuers;
  private final boolean passOpaque;

  IssuerRouting(Map<String, Issuer> issuers, boolean passOpaque) {
    this.issuers = Map.copyOf(issuers);
    this.passOpaque = passOpaque;
  }

  @Override
  public AuthResult verify(String token, String fingerprint) throws ServiceUnavailableException {
    ParsedToken parsed;
    try {
      parsed = ParsedToken.parse(token);
    } catch (ParsedToken.BadToken e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "Token {0} refused: {1}",
          Fingerprint.forLog(fingerprint),
          e.getMessage());
      return AuthResult.rejected(ClaimsCheck.INVALID);
    }
    Issuer issuer = parsed.claims().get("iss") instanceof String iss ? issuers.get(iss) : null;
    if (issuer == null) {
      // with opaqueTokens=pass, a JWT of an issuer we do not trust is left to the next mechanism
      // (introspection asks its issuer); NotAttempted is never cached
      return passOpaque ? AuthResult.notAttempted() : AuthResult.rejected(ClaimsCheck.INVALID);
    }
    return issuer.verify(parsed, fingerprint);
  }
}
