package dev.portcullis.dpop;

import dev.portcullis.AuthError;

/** The fixed refusals of DPoP (RFC 9449 §7.1), each with its own reason for audit lines. */
final class DpopErrors {
  static final AuthError NOT_ONE =
      AuthError.invalidDpopProof("The request must carry exactly one DPoP proof")
          .withReason("dpop_proof_count");
  static final AuthError MALFORMED =
      AuthError.invalidDpopProof("The DPoP proof is malformed").withReason("dpop_malformed");
  static final AuthError ALGORITHM =
      AuthError.invalidDpopProof("The DPoP proof algorithm is not accepted")
          .withReason("dpop_algorithm");
  static final AuthError KEY =
      AuthError.invalidDpopProof("The DPoP proof key is not acceptable").withReason("dpop_key");
  static final AuthError SIGNATURE =
      AuthError.invalidDpopProof("The DPoP proof signature is invalid")
          .withReason("dpop_signature");
  static final AuthError METHOD =
      AuthError.invalidDpopProof("The DPoP proof is for another method").withReason("dpop_htm");
  static final AuthError URI =
      AuthError.invalidDpopProof("The DPoP proof is for another URI").withReason("dpop_htu");
  static final AuthError STALE =
      AuthError.invalidDpopProof("The DPoP proof is not fresh").withReason("dpop_iat");
  static final AuthError ATH =
      AuthError.invalidDpopProof("The DPoP proof is for another access token")
          .withReason("dpop_ath");
  static final AuthError WRONG_KEY =
      AuthError.invalidDpopProof("The DPoP proof key is not the key the access token is bound to")
          .withReason("dpop_jkt");
  static final AuthError REPLAYED =
      AuthError.invalidDpopProof("The DPoP proof was already used").withReason("dpop_replay");
  static final AuthError USE_NONCE =
      AuthError.useDpopNonce("The resource server requires a DPoP nonce").withReason("dpop_nonce");

  private DpopErrors() {}
}
