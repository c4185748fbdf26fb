package io.jieneng.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Where rollups and arrival markers live: the same time-series store as the readings. The QuestDB and InfluxDB
 * implementations must give identical answers on the same data.
 */
public interface RollupStore {

    /** Writes (or overwrites, per meter and start) hourly and daily rows. Returns once they are durable. */
    void write(List<RollupRow> hourly, List<RollupRow> daily);

    /** The rows of {@code table} of {@code meters} starting in [fromMillis, toMillis), one per meter and bucket. */
    List<RollupRow> rows(RollupTable table, Collection<String> meters, long fromMillis, long toMillis);

    /** The hourly rows of {@code meters} starting in [fromMillis, toMillis), one per meter and hour. */
    default List<RollupRow> hourly(Collection<String> meters, long fromMillis, long toMillis) {
        return rows(RollupTable.HOURLY, meters, fromMillis, toMillis);
    }

    /** The daily rows of {@code meters} starting in [fromMillis, toMillis), one per meter and day. */
    default List<RollupRow> daily(Collection<String> meters, long fromMillis, long toMillis) {
        return rows(RollupTable.DAILY, meters, fromMillis, toMillis);
    }

    /**
     * Per meter, the sums of every value column and of {@code readings} over its daily rows starting in
     * [fromMillis, toMillis), computed in the store (one grouped sum, not the rows), so a year of many meters is
     * cheap. Meters without rows in the range are absent; {@code meters} null means every meter. A meter whose
     * rows of one bucket exist twice (an InfluxDB series whose tags changed) is summed over the row computed last,
     * as {@link #daily} reads it.
     */
    List<RollupSum> dailySums(Collection<String> meters, long fromMillis, long toMillis);

    /**
     * The arrival markers with {@code afterMillis < ts <= untilMillis}, of {@code meters} only, or of every meter
     * when {@code meters} is null.
     */
    List<Arrival> markers(long afterMillis, long untilMillis, Collection<String> meters);

    /**
     * The time (epoch ms) of the {@code rank}-th marker (from 1) in time order among those with
     * {@code afterMillis < ts <= untilMillis}, or -1 when there are fewer.
     */
    long markerTime(long afterMillis, long untilMillis, int rank);

    /** How many markers have {@code ts > afterMillis}. */
    long countMarkersAfter(long afterMillis);

    /**
     * Writes markers dated {@code markerMillis} (a rebuild asks for recomputation this way), bounded like the
     * ingest writers' markers.
     */
    void writeMarkers(List<Arrival> arrivals, long markerMillis);

    /**
     * Per meter with readings, the times of its earliest and latest reading: what a store that held readings
     * before rollups existed has to roll up.
     */
    List<Arrival> storedRanges();

    /** Deletes markers older than {@code beforeMillis}; may keep some (whole partitions only). */
    void deleteMarkersBefore(long beforeMillis);

    /**
     * Returns once every reading and marker committed before the call is visible to queries, or throws a
     * {@link StoreException} after {@code timeout}.
     */
    void awaitIngested(Duration timeout);

    /** Returns once every rollup row written before the call is visible to queries, or throws after timeout. */
    void awaitRollups(Duration timeout);

    /** A key naming this store's data, under which the job's watermark is kept. */
    String stateKey();
}
