package dev.portcullis.sample;

import dev.portcullis.Identity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * A model list in the shape AI API clients expect, so that a stock SDK pointed at the sample works
 * unchanged: OpenAI's ({@code {"object":"list","data":[{"id","object","created","owned_by"}]}},
 * base URL {@code /api/v1}) and Anthropic's ({@code type}, {@code display_name}, {@code created_at}
 * and the page fields, base URL {@code /api}). Any credential the main filter accepts may read it;
 * the demo model is {@code owned_by} the caller, so a client can see whom the key authenticated.
 */
@Path("v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {
  /** The one demo model. */
  static final String MODEL = "portcullis-demo";

  /** When the demo model was "created": 2026-01-01T00:00:00Z. */
  private static final long CREATED = 1_767_225_600L;

  @Context private HttpServletRequest request;

  /**
   * Lists the models.
   *
   * @return the list, with the fields of both APIs on each model
   */
  @GET
  public JsonObject list() {
    Identity caller = (Identity) request.getAttribute(Identity.REQUEST_ATTRIBUTE);
    JsonObject model =
        Json.createObjectBuilder()
            .add("id", MODEL)
            .add("object", "model")
            .add("created", CREATED)
            .add("owned_by", caller.getName())
            .add("type", "model")
            .add("display_name", "Portcullis demo")
            .add("created_at", "2026-01-01T00:00:00Z")
            .build();
    return Json.createObjectBuilder()
        .add("object", "list")
        .add("data", Json.createArrayBuilder().add(model))
        .add("has_more", false)
        .add("first_id", MODEL)
        .add("last_id", MODEL)
        .build();
  }
}
