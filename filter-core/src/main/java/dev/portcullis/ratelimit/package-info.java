/**
 * Rate limits per credential: token buckets (Bucket4j) keyed by the credential's stable id, in this
 * process or in the cluster's data grid, answered with 429 and the {@code RateLimit-Policy} and
 * {@code RateLimit} fields of draft-ietf-httpapi-ratelimit-headers. Configured by the filter's
 * {@code rateLimit.*} settings ({@link dev.portcullis.ratelimit.RateLimitStageFactory}).
 */
package dev.portcullis.ratelimit;
