/**
 * The JAX-RS resource an application mounts to mint ephemeral keys for its browser clients ({@link
 * dev.portcullis.ephemeral.EphemeralKeyResource}). It depends on the SPI only: the minter is the
 * one the {@code apiKey} mechanism registered in the servlet context.
 */
package dev.portcullis.ephemeral;
