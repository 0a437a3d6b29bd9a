/**
 * Jakarta REST integration: {@link dev.portcullis.jaxrs.RequiresScopes} and {@link
 * dev.portcullis.jaxrs.RequiresRoles} on resource classes and methods, enforced by {@link
 * dev.portcullis.jaxrs.PortcullisFeature}. Nothing outside this package refers to it, so
 * filter-core runs in a Servlet container without Jakarta REST.
 */
package dev.portcullis.jaxrs;
