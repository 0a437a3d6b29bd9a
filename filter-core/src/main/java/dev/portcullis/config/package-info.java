/**
 * The deploy-time contract: reading and validating settings and secrets, and creating mechanisms
 * from them.
 *
 * <p>A mechanism is an {@link dev.portcullis.config.AuthenticatorFactory} found by name through
 * {@link java.util.ServiceLoader}; it reads its keys from a {@link dev.portcullis.config.Config}
 * (typed, validated values; secrets from {@code env:} or {@code file:}; unknown keys refused) and
 * receives time sources, realm and metrics from an {@link dev.portcullis.config.Environment}. A bad
 * value stops deployment with a {@link dev.portcullis.config.ConfigurationException} that names the
 * key and the value in brackets, secrets never echoed. {@link dev.portcullis.config.TrustStores}
 * builds the TLS trust for outbound calls, and {@link dev.portcullis.config.Metrics} is the hook a
 * platform implements to receive counters.
 *
 * <p>Depends on the SPI ({@code dev.portcullis}) and the cache; never on {@code
 * dev.portcullis.web}.
 */
package dev.portcullis.config;
