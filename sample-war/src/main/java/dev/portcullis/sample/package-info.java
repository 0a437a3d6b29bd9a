/**
 * The sample application: a small Jakarta REST API protected by every Portcullis mechanism through
 * {@code WEB-INF/web.xml}, run on Payara Micro by the integration tests.
 */
package dev.portcullis.sample;
