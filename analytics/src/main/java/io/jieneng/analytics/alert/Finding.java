package io.jieneng.analytics.alert;

/**
 * A condition that holds at the moment of evaluation: an alert with this key must be unresolved.
 *
 * @param value     the measured value, in {@code unit}
 * @param threshold the limit it broke, in {@code unit}
 */
public record Finding(AlertKey key, String institutionId, String meterId, Double value, Double threshold,
                      String unit, String message) {
}
