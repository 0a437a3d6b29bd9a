/**
 * DPoP (RFC 9449): the proof-of-possession check that the filter runs on every request carrying a
 * DPoP-bound access token, cached verdict or not. Shared infrastructure beside {@code
 * dev.portcullis.jose}, used by the filter's pipeline; mechanisms only report a token's {@code
 * cnf.jkt}.
 */
package dev.portcullis.dpop;
