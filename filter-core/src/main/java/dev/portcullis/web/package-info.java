/**
 * The servlet machinery: {@link dev.portcullis.web.AuthenticationFilter} (declared in {@code
 * web.xml}, through {@code @WebFilter} on a subclass, or built with {@link
 * dev.portcullis.web.AuthenticationFilterBuilder}) orchestrates the configured mechanisms through
 * one package-private decision point, renders the answer, wraps the request so that {@code
 * getUserPrincipal} and {@code isUserInRole} answer from the {@link dev.portcullis.Identity},
 * writes audit lines, and checks the deployment at start-up ({@link
 * dev.portcullis.web.PortcullisInitializer}). {@link
 * dev.portcullis.web.ProtectedResourceMetadataServlet} serves RFC 9728 metadata and {@link
 * dev.portcullis.web.Health} collects readiness.
 *
 * <p>Most of the package is package-private. Mechanisms never depend on it; the bridges ({@code
 * jaxrs}, {@code security}, {@code microprofile}) do.
 */
package dev.portcullis.web;
