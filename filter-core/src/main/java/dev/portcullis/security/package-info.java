/**
 * Jakarta Security integration: {@link dev.portcullis.security.PortcullisAuthenticationMechanism}
 * hands the filter's identity to the container. Loaded only when an application declares a subclass
 * as a CDI bean, so filter-core runs in a plain Servlet container without Jakarta Security.
 */
package dev.portcullis.security;
