package io.jieneng.analytics.alert.check;

import io.jieneng.analytics.alert.AlertKey;
import io.jieneng.analytics.alert.AlertType;
import io.jieneng.analytics.alert.Clearance;
import io.jieneng.analytics.alert.Evaluation;
import io.jieneng.analytics.alert.Finding;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.store.ReadingReader;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static io.jieneng.analytics.alert.check.Text.fmt;

/**
 * meter_offline (docs/DOMAIN.md §6): a meter that sent no reading for more than {@code intervals} × its reporting
 * interval, and at least {@code minimum}. The alert's period is the instant of the last reading (or
 * {@code never}), so the next reading resolves it and a later silence is a new alert.
 *
 * <p>Cost: one scan of the last threshold's readings for all meters (a few readings each), grouped by threshold.
 * A meter silent in that window takes its last reading from what earlier runs saw; only meters this instance has
 * not followed (the first run, a new meter, a run after a pause) are looked up, batched with
 * {@link ReadingReader#latestBefore}, which on QuestDB scans back as far as the silence goes.
 */
public final class OfflineCheck {

    /** Marks a meter without any reading up to the time it was looked at. */
    static final long NEVER = Long.MIN_VALUE;
    static final String NEVER_PERIOD = "never";

    /** The last reading (epoch ms, or {@link #NEVER}) of a meter, as known at {@code knownAt}. */
    record Seen(long lastMillis, long knownAtMillis) {
    }

    private final Supplier<ReadingReader> store;
    private final int intervals;
    private final Duration minimum;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public OfflineCheck(Supplier<ReadingReader> store, int intervals, Duration minimum) {
        this.store = store;
        this.intervals = intervals;
        this.minimum = minimum;
    }

    /** The silence after which {@code m} is offline: max(intervals × intervalSeconds, minimum), in ms. */
    public static long thresholdMillis(Meter m, int intervals, Duration minimum) {
        return Math.max((long) intervals * m.intervalSeconds() * 1000L, minimum.toMillis());
    }

    /** The register every reading of a meter of this type carries, used to look its last reading up. */
    static ReadingField mainRegister(Meter m) {
        return switch (m.type()) {
            case ELECTRICITY, PV -> ReadingField.ENERGY_KWH;
            case WATER, GAS -> ReadingField.VOLUME_M3;
            case HEAT -> ReadingField.HEAT_GJ;
        };
    }

    public Evaluation evaluate(CheckContext ctx) {
        long asOf = ctx.asOf().toEpochMilli();
        List<Meter> meters = ctx.registry().document().meters().stream()
                .filter(m -> activeFrom(m, ctx) <= asOf).toList();
        Map<String, Long> last = lastReadings(meters, asOf);
        List<Finding> findings = new ArrayList<>();
        Map<String, Long> lastById = new HashMap<>();
        for (Meter m : meters) {
            long t = last.get(m.id());
            lastById.put(m.id(), t);
            long threshold = thresholdMillis(m, intervals, minimum);
            long silentSince = t == NEVER ? activeFrom(m, ctx) : t;
            if (silentSince != Long.MIN_VALUE && asOf - silentSince <= threshold) {
                continue;
            }
            String period = t == NEVER ? NEVER_PERIOD : ctx.iso(Instant.ofEpochMilli(t));
            Double minutes = silentSince == Long.MIN_VALUE ? null : (asOf - silentSince) / 60_000.0;
            String limit = fmt("%d min (%d × its %d s interval, at least %d min)", threshold / 60_000,
                    intervals, m.intervalSeconds(), minimum.toMinutes());
            String message = t == NEVER
                    ? "meter " + m.id() + " has never sent a reading" + (m.commissioned() == null ? ""
                    : " since it was commissioned on " + m.commissioned()) + "; the limit is " + limit
                    : fmt("meter %s has sent no reading since %s (%.0f min); the limit is %s", m.id(),
                    period, minutes, limit);
            findings.add(new Finding(new AlertKey(AlertType.METER_OFFLINE, m.id(), period), m.institution(), m.id(),
                    minutes, threshold / 60_000.0, AlertType.METER_OFFLINE.unit(), message));
        }
        return new Evaluation(Set.of(AlertType.METER_OFFLINE), findings, key -> clearance(key, ctx, lastById));
    }

    private static Optional<Clearance> clearance(AlertKey key, CheckContext ctx, Map<String, Long> lastById) {
        if (ctx.registry().meter(key.subject()).isEmpty()) {
            return Optional.of(new Clearance(null, "meter " + key.subject() + " is no longer in the registry"));
        }
        Long t = lastById.get(key.subject());
        if (t == null || t == NEVER) {
            // Not commissioned yet at asOf, or still silent under a different period: nothing to say yet.
            return Optional.empty();
        }
        Double outageMinutes = null;
        if (!NEVER_PERIOD.equals(key.period())) {
            try {
                outageMinutes = (t - OffsetDateTime.parse(key.period()).toInstant().toEpochMilli()) / 60_000.0;
            } catch (DateTimeParseException e) {
                outageMinutes = null;
            }
        }
        return Optional.of(new Clearance(outageMinutes, "a reading arrived: the latest is from "
                + ctx.iso(Instant.ofEpochMilli(t))));
    }

    /** Per meter, its latest reading at or before {@code asOf} (epoch ms), or {@link #NEVER}. */
    private Map<String, Long> lastReadings(List<Meter> meters, long asOf) {
        ReadingReader reader = store.get();
        Map<Long, List<Meter>> byThreshold = new TreeMap<>();
        for (Meter m : meters) {
            byThreshold.computeIfAbsent(thresholdMillis(m, intervals, minimum), k -> new ArrayList<>()).add(m);
        }
        Map<String, Long> last = new HashMap<>();
        for (Map.Entry<Long, List<Meter>> group : byThreshold.entrySet()) {
            List<String> ids = group.getValue().stream().map(Meter::id).toList();
            for (Reading r : reader.scan(ids, asOf - group.getKey(), asOf + 1)) {
                last.merge(r.meterId(), r.tsMillis(), Math::max);
            }
        }
        Map<ReadingField, List<String>> lookups = new EnumMap<>(ReadingField.class);
        for (Meter m : meters) {
            if (last.containsKey(m.id())) {
                continue;
            }
            Seen s = seen.get(m.id());
            long window = thresholdMillis(m, intervals, minimum);
            // What an earlier run saw still holds when the window of this run begins before that run looked.
            if (s != null && s.knownAtMillis() <= asOf && s.knownAtMillis() >= asOf - window
                    && s.lastMillis() <= asOf) {
                last.put(m.id(), s.lastMillis());
            } else {
                lookups.computeIfAbsent(mainRegister(m), k -> new ArrayList<>()).add(m.id());
            }
        }
        lookups.forEach((register, ids) -> {
            Map<String, Reading> found = reader.latestBefore(ids, register, asOf + 1);
            for (String id : ids) {
                Reading r = found.get(id);
                last.put(id, r == null ? NEVER : r.tsMillis());
            }
        });
        for (Meter m : meters) {
            long t = last.get(m.id());
            // A run "as of" an earlier instant (a test) must not replace what a later one saw.
            seen.merge(m.id(), new Seen(t, asOf), (old, now) -> now.knownAtMillis() >= old.knownAtMillis() ? now : old);
        }
        return last;
    }

    /** When a meter starts to be expected to report: its commissioning day's local midnight, else always. */
    private static long activeFrom(Meter m, CheckContext ctx) {
        return m.commissioned() == null ? Long.MIN_VALUE : ctx.startOf(m.commissioned()).toEpochMilli();
    }
}
