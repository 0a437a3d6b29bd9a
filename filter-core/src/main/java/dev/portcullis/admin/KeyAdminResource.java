package dev.portcullis.admin;

import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import dev.portcullis.apikey.ApiKeyRecord;
import dev.portcullis.apikey.KeyAdministration;
import dev.portcullis.apikey.KeyLifecycle;
import dev.portcullis.apikey.KeyListing;
import dev.portcullis.apikey.KeyMetadata;
import dev.portcullis.apikey.KeyStoreAccessException;
import dev.portcullis.config.ConfigurationException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The key admin API under {@code admin/keys} of the application's JAX-RS path: {@code GET} lists
 * (no hashes, no keys), {@code POST} creates (the key appears once, in that answer), {@code POST
 * {id}/rotate} rotates with a grace period, {@code PATCH {id}} sets the expiry or disables, {@code
 * DELETE {id}} revokes. Errors are RFC 9457 problem details; answers carry {@code Cache-Control:
 * no-store}.
 *
 * <p>Off (404) unless the {@code apiKey} filter has {@code apiKey.adminRole}; then the caller needs
 * that role on the identity the filter established (403 otherwise). Protect the path with the
 * filter too, so that a request without credentials gets the filter's 401 and challenge.
 */
@Path("admin/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyAdminResource {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
  private static final Set<String> CREATE =
      Set.of("principal", "scopes", "roles", "name", "expires");
  private static final Set<String> PATCH_MEMBERS = Set.of("expires", "disabled", "name");

  /** Answers are never stored by a cache: a created key appears once, in its answer. */
  private static final String NO_STORE = "no-store";

  private static final System.Logger LOG = System.getLogger(KeyAdminResource.class.getName());

  @Context private ServletContext servletContext;
  @Context private HttpServletRequest request;
  @Context private UriInfo uri;

  /** Created by JAX-RS. */
  public KeyAdminResource() {}

  /**
   * Lists keys by id.
   *
   * @param after the last id of the previous page
   * @param limit the page size, 1 to 1000
   * @return {@code {"keys":[…]}}, with {@code next} when there may be more
   */
  @GET
  public Response list(
      @QueryParam("after") String after, @QueryParam("limit") @DefaultValue("100") int limit) {
    KeyLifecycle keys = authorized();
    List<KeyListing> page = call(() -> keys.list(after, limit));
    JsonArrayBuilder array = Json.createArrayBuilder();
    Instant now = keys.now();
    page.forEach(l -> array.add(KeyJson.listing(l, now)));
    JsonObjectBuilder json = Json.createObjectBuilder().add("keys", array);
    if (page.size() == Math.max(1, Math.min(limit, KeyLifecycle.MAX_PAGE))) {
      json.add("next", page.get(page.size() - 1).record().id());
    }
    return Response.ok(json.build().toString()).header(HttpHeaders.CACHE_CONTROL, NO_STORE).build();
  }

  /**
   * Creates a key.
   *
   * @param body {@code {"principal":…,"scopes":[…],"roles":[…],"expires":…}}
   * @return 201 with the record and, this once, the key
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(InputStream body) {
    KeyLifecycle keys = authorized();
    JsonObject json = KeyJson.read(body, CREATE);
    String principal = KeyJson.string(json, "principal");
    Set<String> scopes = KeyJson.strings(json, "scopes");
    Set<String> roles = KeyJson.strings(json, "roles");
    Instant expires = KeyJson.instant(json, "expires");
    String name = KeyJson.string(json, "name");
    KeyLifecycle.Created made =
        call(
            () ->
                keys.create(
                    principal,
                    scopes,
                    roles,
                    expires,
                    new KeyMetadata(name, null, null, Map.of())));
    return created(made, keys);
  }

  /**
   * Rotates a key.
   *
   * @param id the key
   * @param body {@code {"grace":"7d"}}
   * @return 201 with the new key's record and, this once, the new key
   */
  @POST
  @Path("{id}/rotate")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response rotate(@PathParam("id") String id, InputStream body) {
    KeyLifecycle keys = authorized();
    String grace = KeyJson.string(KeyJson.read(body, Set.of(KeyLifecycle.GRACE)), "grace");
    Optional<KeyLifecycle.Created> made =
        call(() -> keys.rotate(known(id), KeyLifecycle.grace(grace == null ? "7d" : grace)));
    return created(made.orElseThrow(() -> notFound(id)), keys);
  }

  /**
   * Changes the expiry ({@code "expires"}: an instant, or null for never), the state ({@code
   * "disabled"}: true or false) or the name ({@code "name"}: text, or null for none) of a key.
   *
   * @param id the key
   * @param body the members to change
   * @return the record as changed
   */
  @PATCH
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  public Response update(@PathParam("id") String id, InputStream body) {
    KeyLifecycle keys = authorized();
    JsonObject json = KeyJson.read(body, PATCH_MEMBERS);
    known(id);
    Instant expires = KeyJson.instant(json, "expires");
    String name = KeyJson.string(json, "name");
    JsonValue.ValueType disabled =
        json.containsKey("disabled") ? json.get("disabled").getValueType() : null;
    if (disabled != null
        && disabled != JsonValue.ValueType.TRUE
        && disabled != JsonValue.ValueType.FALSE) {
      throw Problems.of(Response.Status.BAD_REQUEST, "\"disabled\" must be true or false");
    }
    if (json.containsKey("expires")) {
      call(() -> keys.expire(id, expires)).orElseThrow(() -> notFound(id));
    }
    if (disabled != null) {
      boolean off = disabled == JsonValue.ValueType.TRUE;
      call(() -> keys.disable(id, off)).orElseThrow(() -> notFound(id));
    }
    if (json.containsKey("name")) {
      call(() -> keys.rename(id, name)).orElseThrow(() -> notFound(id));
    }
    return answer(id, keys);
  }

  /**
   * Revokes a key for good.
   *
   * @param id the key
   * @return the record, revoked
   */
  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") String id) {
    KeyLifecycle keys = authorized();
    call(() -> keys.revoke(known(id))).orElseThrow(() -> notFound(id));
    return answer(id, keys);
  }

  private Response answer(String id, KeyLifecycle keys) {
    List<KeyListing> one = call(() -> keys.list(previous(id), 1));
    if (one.isEmpty() || !one.get(0).record().id().equals(id)) {
      throw notFound(id);
    }
    return Response.ok(KeyJson.listing(one.get(0), keys.now()).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
        .build();
  }

  /** The largest id below {@code id}: a page after it starts with {@code id}. */
  private static String previous(String id) {
    long value = Long.parseUnsignedLong(id, 16);
    return value == 0 ? null : String.format("%016x", value - 1);
  }

  private Response created(KeyLifecycle.Created made, KeyLifecycle keys) {
    ApiKeyRecord record = made.record();
    return Response.created(uri.getBaseUriBuilder().path("admin/keys").path(record.id()).build())
        .entity(KeyJson.created(made, keys.now()).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
        .build();
  }

  private KeyLifecycle authorized() {
    Optional<KeyAdministration> administration = KeyAdministration.of(servletContext);
    if (administration.isEmpty() || administration.get().adminRole().isEmpty()) {
      throw Problems.of(Response.Status.NOT_FOUND, "The key admin API is off (apiKey.adminRole)");
    }
    Object identity = request.getAttribute(RequestAttributes.IDENTITY);
    String role = administration.get().adminRole().get();
    if (!(identity instanceof Identity caller) || !caller.roles().contains(role)) {
      throw Problems.of(Response.Status.FORBIDDEN, "The key admin API needs the role " + role);
    }
    return administration.get().keys();
  }

  private static String known(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw Problems.of(Response.Status.NOT_FOUND, "No key with that id");
    }
    return id;
  }

  private static jakarta.ws.rs.WebApplicationException notFound(String id) {
    return Problems.of(Response.Status.NOT_FOUND, "No key with id " + id);
  }

  /** A store call whose failures become problems. */
  @FunctionalInterface
  private interface StoreCall<T> {
    T run() throws KeyStoreAccessException;
  }

  private static <T> T call(StoreCall<T> call) {
    try {
      return call.run();
    } catch (IllegalArgumentException | ConfigurationException e) {
      throw Problems.of(Response.Status.BAD_REQUEST, e.getMessage());
    } catch (KeyStoreAccessException e) {
      LOG.log(System.Logger.Level.WARNING, "Key admin API: {0}", e.getMessage());
      throw Problems.of(Response.Status.SERVICE_UNAVAILABLE, "The key store is unavailable");
    }
  }
}
