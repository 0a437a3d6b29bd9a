package dev.portcullis.sample;

import dev.portcullis.Identity;
import dev.portcullis.apikey.ApiKeyAttributes;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sample endpoints. Which credentials, scopes and roles each one needs is decided by the
 * filters, not here: {@code /api/public/*} is excluded, {@code /api/orders} needs {@code
 * orders:read} to read and {@code orders:write} to create, {@code /api/admin} needs the role {@code
 * admin}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SampleResource {
  @Context private HttpServletRequest request;

  /**
   * Answers without authentication.
   *
   * @return {@code {"status":"ok"}}
   */
  @GET
  @Path("public/ping")
  public JsonObject ping() {
    return Json.createObjectBuilder().add("status", "ok").build();
  }

  /**
   * Answers without authentication in the shape of {@link #me()}: the like-for-like baseline of the
   * end-to-end benchmark (benchmarks/e2e.sh), so that the same request against {@code /api/me}
   * differs only in being authenticated.
   *
   * @return a fixed description of an anonymous caller
   */
  @GET
  @Path("public/me")
  public JsonObject anonymous() {
    return Json.createObjectBuilder()
        .add("principal", "anonymous")
        .add("mechanism", "none")
        .add("authType", "none")
        .add("scopes", array(List.of("orders:read", "orders:write")))
        .add("roles", array(List.of("admin")))
        .build();
  }

  /**
   * Describes the caller as the filter authenticated it: for an API key with metadata also its
   * name, tenant, environment and further metadata, under their {@link ApiKeyAttributes} names,
   * each only when the key has it.
   *
   * @return principal, mechanism, auth type, scopes and roles, and the key's metadata
   */
  @GET
  @Path("me")
  public JsonObject me() {
    Identity identity = identity();
    JsonObjectBuilder me =
        Json.createObjectBuilder()
            .add("principal", identity.getName())
            .add("mechanism", identity.mechanism())
            .add("authType", identity.authType())
            .add("scopes", array(identity.scopes()))
            .add("roles", array(identity.roles()));
    Map<String, Object> attributes = identity.attributes();
    for (String name :
        List.of(ApiKeyAttributes.NAME, ApiKeyAttributes.TENANT, ApiKeyAttributes.ENVIRONMENT)) {
      if (attributes.get(name) instanceof String value) {
        me.add(name, value);
      }
    }
    if (attributes.get(ApiKeyAttributes.METADATA) instanceof Map<?, ?> metadata) {
      JsonObjectBuilder entries = Json.createObjectBuilder();
      metadata.forEach((key, value) -> entries.add(key.toString(), value.toString()));
      me.add(ApiKeyAttributes.METADATA, entries);
    }
    return me.build();
  }

  /**
   * Lists the (fixed) demo orders.
   *
   * @return the orders
   */
  @GET
  @Path("orders")
  public JsonObject orders() {
    return Json.createObjectBuilder()
        .add(
            "orders",
            Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("id", "1001").add("item", "coffee beans"))
                .add(Json.createObjectBuilder().add("id", "1002").add("item", "grinder")))
        .build();
  }

  /**
   * Pretends to create an order; nothing is stored.
   *
   * @return 201 with the new order's id and who created it
   */
  @POST
  @Path("orders")
  public Response createOrder() {
    JsonObject order =
        Json.createObjectBuilder()
            .add("id", UUID.randomUUID().toString())
            .add("createdBy", identity().getName())
            .build();
    return Response.status(Response.Status.CREATED).entity(order).build();
  }

  /**
   * Answers only to holders of the role {@code admin}.
   *
   * @return the caller's name
   */
  @GET
  @Path("admin")
  public JsonObject admin() {
    return Json.createObjectBuilder()
        .add("admin", true)
        .add("principal", identity().getName())
        .build();
  }

  private Identity identity() {
    return (Identity) request.getAttribute(Identity.REQUEST_ATTRIBUTE);
  }

  private static JsonArrayBuilder array(Collection<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }
}
