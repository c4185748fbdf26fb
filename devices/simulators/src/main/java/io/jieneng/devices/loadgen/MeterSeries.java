package io.jieneng.devices.loadgen;

/**
 * The register values of one simulated electricity main meter, in fixed-point integers so that they are written
 * as JSON without any allocation: energy and export in µkWh (6 decimals), power in µkW. The energy register grows
 * by the power over each timestamp step, like a real meter's. Every value keeps a fixed number of digits (energy
 * and export 100000.000000 to 999999.999999 kWh, power 10.000000 to 99.999999 kW), so a message has the same size
 * every time; in the unlikely case that the energy register would pass 999999.999999 kWh it rolls over to 100000,
 * which the contract reads as a meter reset. Not thread-safe.
 */
final class MeterSeries {

    static final long REGISTER_MIN_MICRO = 100_000_000_000L;
    static final long REGISTER_MAX_MICRO = 999_999_999_999L;
    static final long POWER_MIN_MICRO = 10_000_000L;
    static final long POWER_MAX_MICRO = 99_999_999L;
    private static final long MICRO_PER_UNIT = 1_000_000L;
    private static final long MILLIS_PER_HOUR = 3_600_000L;

    private long energyMicroKwh;
    private final long exportMicroKwh;
    private long powerMicroKw;
    private long random;

    /** @param meterIndex spreads the starting registers, so that meters do not all read the same */
    MeterSeries(int meterIndex) {
        long spread = Math.floorMod(meterIndex * 104_729L, 800_000L);
        energyMicroKwh = REGISTER_MIN_MICRO + spread * MICRO_PER_UNIT + 123_456L;
        exportMicroKwh = REGISTER_MIN_MICRO + Math.floorMod(meterIndex * 7_919L, 10_000L) * MICRO_PER_UNIT;
        random = 0x9E3779B97F4A7C15L ^ (meterIndex + 1L) * 0xBF58476D1CE4E5B9L;
        powerMicroKw = 30_000_000L + Math.floorMod(nextRandom(), 40_000_000L);
    }

    /** Moves to the next reading, {@code stepMillis} after the current one. */
    void advance(long stepMillis) {
        long delta = powerMicroKw * stepMillis / MILLIS_PER_HOUR;
        energyMicroKwh += stepMillis > 0 ? Math.max(1, delta) : 0;
        if (energyMicroKwh > REGISTER_MAX_MICRO) {
            energyMicroKwh = REGISTER_MIN_MICRO;
        }
        // A bounded random walk of ±0.5 kW per reading.
        long walk = Math.floorMod(nextRandom(), 1_000_001L) - 500_000L;
        powerMicroKw = Math.min(POWER_MAX_MICRO, Math.max(POWER_MIN_MICRO, powerMicroKw + walk));
    }

    long energyMicroKwh() {
        return energyMicroKwh;
    }

    long exportMicroKwh() {
        return exportMicroKwh;
    }

    long powerMicroKw() {
        return powerMicroKw;
    }

    private long nextRandom() {
        // xorshift64*: cheap, and good enough for a load pattern.
        random ^= random >>> 12;
        random ^= random << 25;
        random ^= random >>> 27;
        return random * 0x2545F4914F6CDD1DL;
    }
}
