package io.jieneng.analytics.alert.check;

import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.devices.registry.Registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What every check of one engine run shares: the registry snapshot, the moment evaluated and the deployment zone.
 * Checks look only at data up to {@code asOf}, so a run "as of" a past instant sees what the engine would have
 * seen then (tests use this; the job passes its clock's now).
 */
public record CheckContext(Registry registry, Instant asOf, ZoneId zone) {

    /** The local date of {@code asOf}: the windows of the day-based checks end at its midnight. */
    public LocalDate today() {
        return LocalDate.ofInstant(asOf, zone);
    }

    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    public String iso(Instant t) {
        return TimeRange.iso(t, zone);
    }
}
