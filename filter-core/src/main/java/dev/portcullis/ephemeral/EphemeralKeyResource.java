package dev.portcullis.ephemeral;

import dev.portcullis.AuthError;
import dev.portcullis.EphemeralKeys;
import dev.portcullis.Identity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * Mints an ephemeral key for the authenticated caller (any mechanism): {@code POST} with an
 * optional JSON body {@code {"scopes":["…"],"expires_in":<seconds>,"single_use":true,
 * "origin":"https://…"}} answers {@code {"client_secret":{"value":"…","expires_at":<epoch
 * seconds>}}} with {@code Cache-Control: no-store}. The application mounts it by subclassing with a
 * path, for example {@code @Path("ephemeral-keys") public class Keys extends EphemeralKeyResource
 * {}}; nothing is mounted by merely having the library on the class path.
 *
 * <p>Errors are {@code {"error":"…"}}: 400 {@code invalid_request} (malformed body, lifetime not
 * positive, bad origin), 401 {@code unauthorized} (no identity on the request), 403 {@code
 * insufficient_scope} (scopes the caller lacks), 403 {@code forbidden} (the caller holds an
 * ephemeral key itself), 404 {@code not_found} (no filter has {@code apiKey.ephemeralSecret}).
 */
public abstract class EphemeralKeyResource {
  /** The largest request body read, in bytes. */
  public static final int MAX_BODY = 4096;

  private static final System.Logger LOG = System.getLogger(EphemeralKeyResource.class.getName());

  /** For subclasses that mount the resource. */
  protected EphemeralKeyResource() {}

  /**
   * Mints a key.
   *
   * @param request the servlet request, carrying the caller's identity
   * @param body the optional JSON body
   * @return the key, or an error as described on the class
   * @throws IOException when the body cannot be read
   */
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response mint(@Context HttpServletRequest request, InputStream body) throws IOException {
    Object minter = request.getServletContext().getAttribute(EphemeralKeys.CONTEXT_ATTRIBUTE);
    if (!(minter instanceof EphemeralKeys keys)) {
      LOG.log(System.Logger.Level.WARNING, "Ephemeral keys are off: no apiKey.ephemeralSecret");
      return error(404, "not_found");
    }
    if (!(request.getAttribute(Identity.REQUEST_ATTRIBUTE) instanceof Identity caller)) {
      return error(401, "unauthorized");
    }
    EphemeralKeys.Request asked;
    try {
      asked = MintRequest.parse(body == null ? new byte[0] : body.readNBytes(MAX_BODY + 1));
    } catch (IllegalArgumentException e) {
      return error(400, "invalid_request");
    }
    try {
      EphemeralKeys.Minted minted = keys.mint(caller, asked);
      JsonObject answer =
          Json.createObjectBuilder()
              .add(
                  "client_secret",
                  Json.createObjectBuilder()
                      .add("value", minted.value())
                      .add("expires_at", minted.expiresAt().getEpochSecond()))
              .build();
      return Response.ok(answer, MediaType.APPLICATION_JSON)
          .header("Cache-Control", "no-store")
          .build();
    } catch (EphemeralKeys.Refused refused) {
      AuthError error = refused.error();
      return error(error.status(), error.code().orElse("forbidden"));
    }
  }

  private static Response error(int status, String code) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .entity(Json.createObjectBuilder().add("error", code).build())
        .build();
  }
}
