package io.jieneng.analytics.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * An error the client can act on. {@link ErrorMapper} turns it into {@code {"error", "detail"}} with its status;
 * {@code extra} adds fields to that body (for example the list of registry problems).
 */
public class ApiException extends WebApplicationException {

    private final String error;
    private final String detail;
    private final Map<String, Object> extra;

    public ApiException(Response.Status status, String error, String detail, Map<String, Object> extra) {
        super(error + ": " + detail, status);
        this.error = error;
        this.detail = detail;
        this.extra = Map.copyOf(extra);
    }

    public static ApiException badRequest(String error, String detail) {
        return new ApiException(Response.Status.BAD_REQUEST, error, detail, Map.of());
    }

    public static ApiException notFound(String error, String detail) {
        return new ApiException(Response.Status.NOT_FOUND, error, detail, Map.of());
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(Response.Status.FORBIDDEN, "forbidden", detail, Map.of());
    }

    public String error() {
        return error;
    }

    public String detail() {
        return detail;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
