/**
 * The one strict compact-JWS parser and JCA signature verifier of Portcullis, used for access
 * tokens ({@code jwt}) and DPoP proofs ({@code dpop}) alike: canonical base64url, strict I-JSON,
 * exact signature lengths, ECDSA range checks, one algorithm per key, the ROCA fingerprint. JDK
 * only.
 */
package dev.portcullis.jose;
