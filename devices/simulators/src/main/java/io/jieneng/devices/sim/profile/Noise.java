package io.jieneng.devices.sim.profile;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic noise: a pure function of (seed, stream, position). Profiles draw from it instead of a stateful
 * {@code Random}, so that a register at a given instant has the same value whatever order the instants are
 * evaluated in, and a restarted simulator resends identical readings for the same (meter, ts).
 */
final class Noise {

    private Noise() {
    }

    /** A stable 64-bit stream id for a name (FNV-1a over UTF-8), independent of the JVM. */
    static long stream(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Uniform in [0, 1). */
    static double unit(long seed, long stream, long index) {
        long z = mix(seed ^ mix(stream + 0x9e3779b97f4a7c15L * index));
        return (z >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [-1, 1). */
    static double signed(long seed, long stream, long index) {
        return 2.0 * unit(seed, stream, index) - 1.0;
    }

    /**
     * Continuous noise in [-1, 1]: independent values at integer positions, joined by smoothstep, so that a power
     * profile has no jumps between the knots.
     */
    static double smooth(long seed, long stream, double position) {
        double floor = Math.floor(position);
        long i = (long) floor;
        double f = position - floor;
        double s = f * f * (3.0 - 2.0 * f);
        double a = signed(seed, stream, i);
        double b = signed(seed, stream, i + 1);
        return a + (b - a) * s;
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
