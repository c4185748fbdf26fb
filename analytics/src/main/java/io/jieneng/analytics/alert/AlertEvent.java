package io.jieneng.analytics.alert;

/**
 * One state change of an alert, as {@code GET /alerts/{id}/history} returns it.
 *
 * @param kind   opened, acknowledged, resolved or reopened
 * @param status the alert's status after the change
 * @param value  the value measured at that moment (for a resolution: what cleared it), null when none applies
 * @param actor  {@code engine} or the user's name
 */
public record AlertEvent(long id, long alertId, String at, String kind, AlertStatus status, Double value,
                         String actor, String note) {
}
