package io.jieneng.analytics.alert;

import java.util.function.Predicate;

/**
 * Which alerts {@code GET /alerts} lists. Null fields do not filter.
 *
 * @param visible which institutions the caller may see
 * @param limit   at most this many, newest first
 */
public record AlertFilter(AlertStatus status, AlertType type, String institutionId, String meterId,
                          Predicate<String> visible, int limit) {
}
