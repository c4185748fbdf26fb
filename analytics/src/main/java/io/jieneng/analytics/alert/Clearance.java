package io.jieneng.analytics.alert;

/**
 * A key that was evaluated and whose condition no longer holds: its unresolved alert resolves.
 *
 * @param value what was measured instead (e.g. the completeness now), null when nothing applies
 * @param note  why it cleared, for the history and the webhook
 */
public record Clearance(Double value, String note) {
}
