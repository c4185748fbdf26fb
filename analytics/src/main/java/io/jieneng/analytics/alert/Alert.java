package io.jieneng.analytics.alert;

import io.jieneng.analytics.energy.TimeRange;

import java.time.Instant;
import java.time.ZoneId;

/**
 * An alert as the API returns it (docs/CONTRACT.md §3). Times are ISO-8601 with the deployment zone's offset.
 * {@code period}, {@code unit}, {@code acknowledgedAt} and {@code acknowledgedBy} extend the contract.
 *
 * @param meterId   the meter it is about (meter_offline), else null
 * @param period    what it covers: a year, a month, a day, the last reading's instant, or null for an ongoing
 *                  condition (after_hours_waste)
 * @param value     the measured value when the alert opened (or reopened), in {@code unit}
 * @param threshold the limit that value broke, in {@code unit}
 */
public record Alert(long id, AlertType type, String institutionId, String meterId, Severity severity,
                    AlertStatus status, String openedAt, String resolvedAt, String message, Double value,
                    Double threshold, String unit, String period, String acknowledgedAt, String acknowledgedBy) {

    static String iso(Instant t, ZoneId zone) {
        return t == null ? null : TimeRange.iso(t, zone);
    }
}
