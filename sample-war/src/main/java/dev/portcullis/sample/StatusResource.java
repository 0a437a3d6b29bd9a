package dev.portcullis.sample;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * A public path with protected paths below it: the main filter excludes exactly {@code /api/status}
 * (web.xml), so {@code /api/status/details} needs credentials, however its URI is spelt. {@code
 * /api/status/cached} sets its own {@code Cache-Control}, which wins over the filter's {@code
 * private}.
 */
@Path("status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
  @Context private SecurityContext security;

  /**
   * Answers without authentication.
   *
   * @return {@code {"status":"up"}}
   */
  @GET
  public JsonObject status() {
    return Json.createObjectBuilder().add("status", "up").build();
  }

  /**
   * Answers authenticated callers only.
   *
   * @return the caller's name
   */
  @GET
  @Path("details")
  public JsonObject details() {
    return Json.createObjectBuilder()
        .add("principal", security.getUserPrincipal().getName())
        .build();
  }

  /**
   * Answers authenticated callers with a response a private cache may keep for a minute.
   *
   * @return the caller's name, {@code Cache-Control: private, max-age=60}
   */
  @GET
  @Path("cached")
  public Response cached() {
    CacheControl cache = new CacheControl();
    cache.setPrivate(true);
    cache.setMaxAge(60);
    return Response.ok(details()).cacheControl(cache).build();
  }
}
