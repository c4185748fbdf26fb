package io.jieneng.analytics.error;

import io.jieneng.store.StoreException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one place that turns exceptions into the contract's error body {@code {"error": ..., "detail": ...}}.
 * A 5xx carries an incident id, never a stack trace; the stack trace goes to the log under the same id.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof ApiException api) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", api.error());
            body.put("detail", api.detail());
            body.putAll(api.extra());
            return json(api.getResponse().getStatus(), body);
        }
        if (exception instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            Response.Status known = Response.Status.fromStatusCode(status);
            String error = known == null ? "http " + status : known.getReasonPhrase().toLowerCase();
            return json(status, Map.of("error", error, "detail", String.valueOf(web.getMessage())));
        }
        if (exception instanceof StoreException) {
            LOG.warnf("time-series store unavailable: %s", exception.getMessage());
            return json(503, Map.of("error", "store unavailable",
                    "detail", "the time-series store did not answer; try again shortly"));
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(exception, "internal error, incident %s", incident);
        return json(500, Map.of("error", "internal error",
                "detail", "the server failed to answer; the operator can find incident " + incident + " in the log"));
    }

    private static Response json(int status, Map<String, Object> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
