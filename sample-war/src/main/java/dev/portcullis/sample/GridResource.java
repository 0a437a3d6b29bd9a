package dev.portcullis.sample;

import dev.portcullis.grid.Grid;
import dev.portcullis.grid.GridStatus;
import dev.portcullis.grid.GridUnavailableException;
import dev.portcullis.jaxrs.RequiresRoles;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The main filter's grid seen from the application ({@code Grid.of(context, "portcullis")}), for
 * administrators: its status, single-use marks and events. With {@code grid=jcache} on several
 * nodes, a mark made on one node is spent on all, and an event published on one reaches every node
 * that has listed events before.
 */
@Path("grid")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRoles("admin")
public class GridResource {
  /** The filter whose grid this resource uses. */
  static final String FILTER = "portcullis";

  static final String SPACE = "sample.marks";
  static final Duration TTL = Duration.ofMinutes(10);
  static final String CHANNEL = "sample.events";
  static final int KEPT = 20;
  private static final String NAME = "[A-Za-z0-9._-]{1,64}";
  private static final Long RETRY_AFTER_SECONDS = 5L;

  @Context private ServletContext context;

  /**
   * The grid's status.
   *
   * @return {@code clustered}, {@code up}, {@code members} (nodes seen), {@code fallback}
   */
  @GET
  public JsonObject status() {
    GridStatus s = grid().status();
    return Json.createObjectBuilder()
        .add("clustered", s.clustered())
        .add("up", s.up())
        .add("members", s.members())
        .add("fallback", s.fallback())
        .build();
  }

  /**
   * Spends a single-use mark.
   *
   * @param key the mark
   * @return {@code {"first":true}} the first time within ten minutes, on any node
   */
  @POST
  @Path("marks/{key:" + NAME + "}")
  public JsonObject mark(@PathParam("key") String key) {
    try {
      return Json.createObjectBuilder().add("first", grid().firstUse(SPACE, key, TTL)).build();
    } catch (GridUnavailableException e) {
      throw new ServiceUnavailableException(RETRY_AFTER_SECONDS); // an outage is never a 500
    }
  }

  /**
   * Publishes an event to every node.
   *
   * @param event the event
   * @return {@code {"published":event}}
   */
  @POST
  @Path("events/{event:" + NAME + "}")
  public JsonObject publish(@PathParam("event") String event) {
    try {
      received();
      grid().publish(CHANNEL, event);
    } catch (GridUnavailableException e) {
      throw new ServiceUnavailableException(RETRY_AFTER_SECONDS);
    }
    return Json.createObjectBuilder().add("published", event).build();
  }

  /**
   * The last {@value #KEPT} events this node received since it was first asked.
   *
   * @return {@code {"events":[…]}}, oldest first
   */
  @GET
  @Path("events")
  public JsonObject events() {
    JsonArrayBuilder events = Json.createArrayBuilder();
    Deque<String> received;
    try {
      received = received();
    } catch (GridUnavailableException e) {
      throw new ServiceUnavailableException(RETRY_AFTER_SECONDS);
    }
    synchronized (received) {
      received.forEach(events::add);
    }
    return Json.createObjectBuilder().add("events", events).build();
  }

  private Grid grid() {
    return Grid.of(context, FILTER)
        .orElseThrow(() -> new ServiceUnavailableException(RETRY_AFTER_SECONDS));
  }

  /** This node's received events; the first call subscribes. */
  private Deque<String> received() {
    String attribute = GridResource.class.getName() + ".events";
    synchronized (GridResource.class) {
      @SuppressWarnings("unchecked")
      Deque<String> received = (Deque<String>) context.getAttribute(attribute);
      if (received == null) {
        Deque<String> kept = new ArrayDeque<>();
        grid()
            .subscribe(
                CHANNEL,
                event -> {
                  synchronized (kept) {
                    if (kept.size() == KEPT) {
                      kept.removeFirst();
                    }
                    kept.addLast(event);
                  }
                });
        context.setAttribute(attribute, kept);
        received = kept;
      }
      return received;
    }
  }
}
