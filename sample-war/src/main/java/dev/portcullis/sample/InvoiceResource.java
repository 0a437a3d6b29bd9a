package dev.portcullis.sample;

import dev.portcullis.Identity;
import dev.portcullis.jaxrs.RequiresRoles;
import dev.portcullis.jaxrs.RequiresScopes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Authorization declared on the endpoint instead of in {@code web.xml}: every method needs the
 * scope {@code invoices:read}; creating one needs {@code invoices:write} as well, deleting one the
 * role {@code admin}. The main filter authenticates; {@code dev.portcullis.jaxrs.PortcullisFeature}
 * enforces the annotations with the filter's own answers.
 */
@Path("invoices")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScopes("invoices:read")
public class InvoiceResource {
  @Context private SecurityContext security;

  /**
   * Lists the (fixed) demo invoices.
   *
   * @return the invoices
   */
  @GET
  public JsonObject list() {
    return Json.createObjectBuilder()
        .add("invoices", Json.createArrayBuilder().add("INV-1").add("INV-2"))
        .build();
  }

  /**
   * Pretends to create an invoice.
   *
   * @return 201 with who created it
   */
  @POST
  @RequiresScopes("invoices:write")
  public Response create() {
    return Response.status(Response.Status.CREATED)
        .entity(Json.createObjectBuilder().add("createdBy", caller()).build())
        .build();
  }

  /**
   * Pretends to delete an invoice.
   *
   * @param id the invoice
   * @return who deleted which invoice
   */
  @DELETE
  @Path("{id}")
  @RequiresRoles("admin")
  public JsonObject delete(@PathParam("id") String id) {
    return Json.createObjectBuilder().add("deleted", id).add("by", caller()).build();
  }

  private String caller() {
    return ((Identity) security.getUserPrincipal()).getName();
  }
}
