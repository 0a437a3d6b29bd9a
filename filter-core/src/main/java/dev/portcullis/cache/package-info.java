/**
 * Caching of verdicts, kept out of the mechanisms: {@link dev.portcullis.cache.VerdictCache} keys
 * results by a credential's fingerprint (never the credential), keeps a positive entry no longer
 * than the credential's own expiry, keeps negative entries briefly, never caches an outage, and
 * makes concurrent requests for the same uncached credential share one back-end call.
 *
 * <p>Depends only on the SPI ({@code dev.portcullis}); never on {@code dev.portcullis.web}.
 */
package dev.portcullis.cache;
