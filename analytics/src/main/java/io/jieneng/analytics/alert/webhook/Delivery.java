package io.jieneng.analytics.alert.webhook;

/**
 * One webhook delivery of one alert event to one URL, as {@code GET /alerts/{id}/deliveries} shows it.
 *
 * @param url        the target without user info and query, which may hold credentials
 * @param state      pending (due at {@code nextAttemptAt}), delivered, or failed (gave up; an admin may retry)
 * @param lastStatus the HTTP status of the last attempt, null when no answer came
 * @param lastError  why the last attempt failed, null after a success
 */
public record Delivery(long id, long alertId, long eventId, String event, String url, String state, int attempts,
                       String createdAt, String lastAttemptAt, Integer lastStatus, String lastError,
                       String nextAttemptAt, String deliveredAt) {

    /** {@code url} without user info, query or fragment. */
    public static String redact(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            String port = u.getPort() < 0 ? "" : ":" + u.getPort();
            return u.getScheme() + "://" + u.getHost() + port + (u.getRawPath() == null ? "" : u.getRawPath())
                    + (u.getRawQuery() == null ? "" : "?...");
        } catch (IllegalArgumentException e) {
            return "(unparseable URL)";
        }
    }
}
