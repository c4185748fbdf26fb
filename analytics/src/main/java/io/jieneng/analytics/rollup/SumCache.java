package io.jieneng.analytics.rollup;

import io.jieneng.store.RollupSum;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The range sums {@link RollupSums} read last, per range, with the marker time up to which they are exact, so a
 * repeated summary reads only the markers written since and re-sums only the meters they name.
 *
 * <p>Why that is exact: a sum read at time t reflects every marker visible at t. A marker not visible at t commits
 * later, and a marker commits within {@code Stores.WRITE_ATTEMPT_BOUND} of its time, which the rollup safety
 * margin exceeds (docs/ROLLUPS.md): so every change a cached sum may miss has a marker newer than t − safety, and
 * the next read finds it. Markers are deleted {@code JIENENG_ROLLUP_MARKER_RETENTION_DAYS} behind the watermark,
 * so an entry is only used while it is much younger than that (at most an hour).
 */
final class SumCache {

    /** Entries kept: a summary needs up to three ranges (the year to date, the previous year whole and in part). */
    static final int MAX_ENTRIES = 6;
    static final Duration MAX_AGE = Duration.ofHours(1);

    /**
     * @param sums           per meter id, its sum over the range (an empty sum for a meter without rows)
     * @param reflectsMillis every marker with a time up to this is reflected in {@code sums}
     */
    record Entry(Map<String, RollupSum> sums, long reflectsMillis) {
    }

    private final Clock clock;
    private final long safetyMillis;
    private final long maxAgeMillis;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /**
     * @param safety    the rollup safety margin: longer than any marker takes to commit after its time
     * @param retention how long markers are kept behind the watermark; no caching when it is under two hours
     */
    SumCache(Clock clock, Duration safety, Duration retention) {
        this.clock = clock;
        this.safetyMillis = safety.toMillis();
        this.maxAgeMillis = Math.min(MAX_AGE.toMillis(), retention.toMillis() / 2);
    }

    /** A cache that never holds anything. */
    static SumCache disabled(Clock clock) {
        return new SumCache(clock, Duration.ZERO, Duration.ZERO);
    }

    long now() {
        return clock.millis();
    }

    /** The entry of [fromMillis, toMillis), or null when there is none young enough. */
    synchronized Entry get(long fromMillis, long toMillis) {
        String key = key(fromMillis, toMillis);
        Entry e = entries.get(key);
        if (e != null && now() - e.reflectsMillis() > maxAgeMillis) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    /**
     * Keeps {@code sums}, exact for every marker visible at {@code markersReadMillis} (the time just before the
     * markers were read).
     */
    synchronized void put(long fromMillis, long toMillis, Map<String, RollupSum> sums, long markersReadMillis) {
        if (maxAgeMillis <= 0) {
            return;
        }
        entries.put(key(fromMillis, toMillis), new Entry(Map.copyOf(sums), markersReadMillis - safetyMillis));
    }

    private static String key(long fromMillis, long toMillis) {
        return fromMillis + ".." + toMillis;
    }
}
