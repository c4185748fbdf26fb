package io.jieneng.analytics.security;

import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.error.ErrorMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.Set;

/**
 * Refuses a write (POST, PUT, PATCH, DELETE) that a web page on another site could have made: a browser that
 * holds cached Basic credentials for Jieneng sends them along with a cross-site form post or a "simple" fetch,
 * and our body-less POSTs ({@code /alerts/{id}/ack}, {@code /alerts/evaluate}, {@code /rollups/rebuild}) would
 * act on them. A cross-site page cannot send {@code Content-Type: application/json} or a custom header without a
 * CORS preflight, and Jieneng answers no preflight, so a write must carry one of them. Runs before matching, so
 * a write to any path (present or future) is covered; authentication has run already, so an anonymous write
 * still gets 401 first.
 */
@Provider
@PreMatching
public class WriteGuard implements ContainerRequestFilter {

    /** The custom header a write without a JSON body carries; its value is not checked, only its presence. */
    public static final String HEADER = "X-Requested-By";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod()) || allowed(request)) {
            return;
        }
        request.abortWith(refusal(request.getMethod()));
    }

    static boolean allowed(ContainerRequestContext request) {
        String custom = request.getHeaderString(HEADER);
        if (custom != null && !custom.isBlank()) {
            return true;
        }
        MediaType type = request.getMediaType();
        return type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()
                && !type.isWildcardSubtype();
    }

    private static Response refusal(String method) {
        return new ErrorMapper().toResponse(new ApiException(Response.Status.BAD_REQUEST, "missing write header",
                "a " + method + " must carry the header '" + HEADER + ": jieneng' or a body with Content-Type: "
                        + "application/json, so that a page on another site cannot make it with your browser's "
                        + "credentials (docs/API.md)", Map.of()));
    }
}
