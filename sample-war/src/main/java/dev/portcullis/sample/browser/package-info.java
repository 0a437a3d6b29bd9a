/**
 * DEMO ONLY: the backend of the sample's browser pages. {@link
 * dev.portcullis.sample.browser.BrowserBackendServlet} plays an application's own server, which
 * holds a long-lived key and hands its pages ephemeral keys only; {@link
 * dev.portcullis.sample.browser.PageHeaders} gives the static pages a strict
 * Content-Security-Policy.
 */
package dev.portcullis.sample.browser;
