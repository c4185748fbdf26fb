package io.jieneng.analytics.quota;

/**
 * The previous year's figures behind a seasonal projection, so the projection can be traced.
 *
 * @param completeness    data completeness of the whole previous year over the institution's counting meters,
 *                        every meter expected all year (null when it has none)
 * @param full            completeness reached the configured threshold
 * @param sameDay         the previous year's counterpart of {@code asOf} (inclusive)
 * @param kgce            comprehensive energy of the whole previous year
 * @param kgceToSameDay   the same up to {@code sameDay}
 * @param waterM3         water of the whole previous year
 * @param waterM3ToSameDay the same up to {@code sameDay}
 */
public record PreviousYear(int year, Double completeness, boolean full, String sameDay, double kgce,
                           double kgceToSameDay, double waterM3, double waterM3ToSameDay) {
}
