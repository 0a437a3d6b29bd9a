/**
 * Bridges to MicroProfile Config, Metrics and Health. Portcullis loads these classes only when the
 * server offers the APIs; plain servlet containers never touch them.
 */
package dev.portcullis.microprofile;
