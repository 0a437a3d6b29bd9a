package dev.portcullis.sample;

import dev.portcullis.ephemeral.EphemeralKeyResource;
import jakarta.ws.rs.Path;

/**
 * Mounts Portcullis's mint resource at {@code POST /api/ephemeral-keys}: any caller the main filter
 * authenticated gets a short-lived key with (at most) its own scopes, to hand to a browser
 * (docs/browser-clients.md).
 */
@Path("ephemeral-keys")
public class EphemeralKeysResource extends EphemeralKeyResource {}
