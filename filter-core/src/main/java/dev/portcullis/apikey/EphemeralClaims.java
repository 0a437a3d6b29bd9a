package dev.portcullis.apikey;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an ephemeral key says about itself, authenticated by its MAC.
 *
 * @param nonce 16 random bytes in base64url: the key's identity for single use
 * @param expiresAt when the key stops working
 * @param singleUse whether the key authenticates one request only
 * @param parent the log fingerprint of the credential that minted the key
 * @param principal the parent's principal
 * @param scopes the narrowed scopes
 * @param origin the only {@code Origin} the key is accepted from, or null for any
 */
record EphemeralClaims(
    String nonce,
    Instant expiresAt,
    boolean singleUse,
    String parent,
    String principal,
    Set<String> scopes,
    String origin) {

  EphemeralClaims {
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(principal, "principal");
    scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
  }
}
