package io.jieneng.analytics.alert;

/**
 * What makes alerts duplicates: at most one unresolved alert exists per key.
 *
 * @param subject a meter id, an institution id, a data-centre id, or {@code <institution>/<indicator>}
 * @param period  a year, a month, a day, an instant, or empty for an ongoing condition
 */
public record AlertKey(AlertType type, String subject, String period) {

    /** The form stored in {@code alert.active_key} while the alert is unresolved. */
    public String activeKey() {
        return type.jsonName() + '|' + subject + '|' + period;
    }
}
