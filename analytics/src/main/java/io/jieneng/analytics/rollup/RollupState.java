package io.jieneng.analytics.rollup;

/**
 * The rollup job's progress for one store.
 *
 * @param watermarkMillis every arrival marker with {@code ts <= watermarkMillis} is rolled up (epoch ms)
 * @param initialized     false until readings stored before rollups existed have been marked for the job; until
 *                        then no rollup can be trusted and every query is computed from raw readings
 */
public record RollupState(long watermarkMillis, boolean initialized) {

    /** The state of a store the job has never run on. */
    public static final RollupState FRESH = new RollupState(0, false);
}
