package io.jieneng.analytics.alert;

import io.jieneng.analytics.alert.webhook.Delivery;
import io.jieneng.analytics.alert.webhook.WebhookService;
import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.registry.Institution;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** {@code /api/v1/alerts} (docs/CONTRACT.md §3, docs/ALERTS.md). */
@Path("/api/v1/alerts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    @Inject
    AlertService alerts;

    @Inject
    WebhookService webhooks;

    @Inject
    AlertAccess access;

    @Inject
    RegistryService registry;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "Alerts, newest first, filtered by status, institution, type and meter")
    public List<Alert> list(@Parameter(description = "open, acknowledged or resolved")
                            @QueryParam("status") String status,
                            @Parameter(description = "an institution id") @QueryParam("institution") String institution,
                            @Parameter(description = "one of the seven alert types") @QueryParam("type") String type,
                            @Parameter(description = "a meter id") @QueryParam("meter") String meter,
                            @Parameter(description = "at most this many (default 1000, at most 10000)")
                            @QueryParam("limit") String limit) {
        AlertStatus s = blank(status) ? null : AlertStatus.parse(status.trim()).orElseThrow(() ->
                ApiException.badRequest("invalid parameter", "status '" + status + "' is not one of open, "
                        + "acknowledged, resolved"));
        AlertType t = blank(type) ? null : AlertType.parse(type.trim()).orElseThrow(() ->
                ApiException.badRequest("invalid parameter", "type '" + type + "' is not one of " + Arrays.stream(
                        AlertType.values()).map(AlertType::jsonName).toList()));
        Predicate<String> visible = access.visible(identity);
        String institutionId = null;
        if (!blank(institution)) {
            Institution inst = registry.current().institution(institution.trim()).orElseThrow(() ->
                    ApiException.notFound("unknown institution", "no institution has the id " + institution));
            access.checkRead(identity, inst);
            institutionId = inst.id();
        }
        return alerts.store().list(new AlertFilter(s, t, institutionId, blank(meter) ? null : meter.trim(), visible,
                parseLimit(limit)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alert")
    public Alert get(@PathParam("id") String id) {
        return readable(id);
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every state change of an alert, oldest first, with the values measured")
    public List<AlertEvent> history(@PathParam("id") String id) {
        return alerts.store().history(readable(id).id());
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The webhook deliveries of an alert's changes, with attempts and last error (admin, auditor)")
    public List<Delivery> deliveries(@PathParam("id") String id) {
        Alert alert = readable(id);
        access.checkOperator(identity);
        return webhooks.store().ofAlert(alert.id());
    }

    @POST
    @Path("/{id}/ack")
    @Operation(summary = "Acknowledge an open alert (admin, or a user of the alert's institution)")
    public Alert acknowledge(@PathParam("id") String id) {
        Alert alert = readable(id);
        access.checkAcknowledge(identity, alert);
        if (alert.status() == AlertStatus.RESOLVED) {
            throw new ApiException(Response.Status.CONFLICT, "alert resolved", "alert " + alert.id()
                    + " was resolved at " + alert.resolvedAt() + "; there is nothing left to acknowledge", Map.of());
        }
        return alerts.store().acknowledge(alert.id(), identity.getPrincipal().getName(), alerts.clock().instant(),
                webhooks.urls()).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("/deliveries/{deliveryId}/retry")
    @RolesAllowed("admin")
    @Operation(summary = "Queue a failed webhook delivery again, with its attempts reset (admin)")
    public Delivery retry(@PathParam("deliveryId") String deliveryId) {
        long id = parseId(deliveryId, "delivery");
        List<Delivery> found = webhooks.store().byId(id);
        if (found.isEmpty()) {
            throw ApiException.notFound("unknown delivery", "no webhook delivery has the id " + deliveryId);
        }
        if (!webhooks.store().retry(id, alerts.clock().instant())) {
            throw new ApiException(Response.Status.CONFLICT, "delivery not failed", "delivery " + id + " is "
                    + found.get(0).state() + "; only a failed delivery can be retried", Map.of());
        }
        return webhooks.store().byId(id).get(0);
    }

    @POST
    @Path("/evaluate")
    @RolesAllowed("admin")
    @Operation(summary = "Run the alert engine now, or as of a past instant (admin)")
    public AlertEngine.RunSummary evaluate(@Parameter(description = "an instant with an offset; default now")
                                            @QueryParam("asOf") String asOf) {
        Instant now = alerts.clock().instant();
        Instant at = now;
        if (!blank(asOf)) {
            try {
                at = OffsetDateTime.parse(asOf.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("invalid parameter", "asOf '" + asOf
                        + "' is not an instant with an offset such as 2026-03-10T09:00:00+08:00");
            }
            if (at.isAfter(now)) {
                throw ApiException.badRequest("invalid parameter", "asOf " + asOf + " is in the future");
            }
        }
        return alerts.evaluate(at).orElseThrow(() -> new ApiException(Response.Status.CONFLICT, "engine busy",
                "another analytics instance is evaluating alerts right now; try again shortly", Map.of()));
    }

    private Alert readable(String id) {
        Alert alert = alerts.store().find(parseId(id, "alert")).orElseThrow(() -> notFound(id));
        access.checkRead(identity, alert);
        return alert;
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("unknown alert", "no alert has the id " + id);
    }

    private static long parseId(String id, String what) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid " + what + " id", what + " ids are numbers; '" + id + "' is not");
        }
    }

    private static int parseLimit(String limit) {
        if (blank(limit)) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw ApiException.badRequest("invalid parameter", "limit '" + limit + "' is not a number from 1 to "
                + MAX_LIMIT);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
