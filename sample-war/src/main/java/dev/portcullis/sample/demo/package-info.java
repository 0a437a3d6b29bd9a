/**
 * DEMO ONLY: an in-memory token issuer inside the sample (JWKS, RS256 access tokens, RFC 7662
 * introspection), so that the sample runs with nothing else installed. It starts only when {@code
 * PORTCULLIS_DEMO_ISSUER=true}; never enable it in a real deployment.
 */
package dev.portcullis.sample.demo;
