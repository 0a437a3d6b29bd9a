/**
 * Administration of API keys over HTTP: the JAX-RS key admin API ({@link
 * dev.portcullis.admin.KeyAdminResource}, found by class-path scanning like {@code
 * dev.portcullis.jaxrs.PortcullisFeature}, off unless {@code apiKey.adminRole} is set) and the
 * leaked-key endpoint in the format of GitHub's secret-scanning partner program. Both act on the
 * {@link dev.portcullis.apikey.KeyAdministration} the {@code apiKey} filter publishes.
 */
package dev.portcullis.admin;
