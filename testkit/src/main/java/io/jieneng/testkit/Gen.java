package io.jieneng.testkit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Draws the inputs several properties share. Numbers and sizes favour their edges: about one draw in
 * {@link #EDGE_ODDS} is an edge of the range (its ends, zero and ±1 when inside, for whole numbers also the values
 * next to the ends), since a uniform draw from a wide range would almost never meet one, and that is where
 * mistakes hide.
 */
public final class Gen {

    /** One draw in this many is an edge value. */
    public static final int EDGE_ODDS = 16;

    private Gen() {
    }

    /** An int in [min, max], edges included. */
    public static int intIn(Random r, int min, int max) {
        return (int) longIn(r, min, max);
    }

    /** A long in [min, max], edges included; any span, up to all longs. */
    public static long longIn(Random r, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        if (r.nextInt(EDGE_ODDS) == 0) {
            List<Long> edges = new ArrayList<>(List.of(min, max));
            if (min < max) {
                edges.add(min + 1);
                edges.add(max - 1);
            }
            for (long v = -1; v <= 1; v++) {
                if (min <= v && v <= max) {
                    edges.add(v);
                }
            }
            return edges.get(r.nextInt(edges.size()));
        }
        long span = max - min + 1;
        if (span > 0) {
            return min + Math.floorMod(r.nextLong(), span);
        }
        // The span overflows a long: draw until inside (at least half of all longs are).
        while (true) {
            long v = r.nextLong();
            if (min <= v && v <= max) {
                return v;
            }
        }
    }

    /** Any long, as a seed for instance; the edges (the extremes, zero, ±1) included. */
    public static long anyLong(Random r) {
        return longIn(r, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * A double in [min, max] at full precision, edges (the ends, zero and ±1 when inside) included. Not the
     * subnormal neighbours of zero: they stand for no quantity a meter or a person writes.
     */
    public static double doubleIn(Random r, double min, double max) {
        checkRange(min, max);
        if (r.nextInt(EDGE_ODDS) == 0) {
            List<Double> edges = new ArrayList<>(List.of(min, max));
            for (double v = -1; v <= 1; v++) {
                if (min <= v && v <= max) {
                    edges.add(v);
                }
            }
            return edges.get(r.nextInt(edges.size()));
        }
        // Half the draws uniform, half log-uniform in magnitude, so small values of a wide range come up too.
        if (r.nextBoolean() || min < 0 || min == 0 && max <= 1) {
            return Math.min(max, min + r.nextDouble() * (max - min));
        }
        double low = Math.max(min, Math.min(1e-9, max));
        double v = Math.exp(Math.log(low) + r.nextDouble() * (Math.log(max) - Math.log(low)));
        return Math.min(max, Math.max(min, v));
    }

    /** A double in [min, max] with at most {@code scale} decimals, as a meter or a JSON document writes it. */
    public static double doubleIn(Random r, double min, double max, int scale) {
        double v = doubleIn(r, min, max);
        double rounded = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).doubleValue();
        return rounded < min || rounded > max ? BigDecimal.valueOf(v).setScale(scale, RoundingMode.DOWN)
                .doubleValue() : rounded;
    }

    /** One of the values, uniformly. */
    @SafeVarargs
    public static <T> T oneOf(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }

    /** One of the values, uniformly. */
    public static <T> T oneOf(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** One constant of the enum, uniformly. */
    public static <E extends Enum<E>> E oneOf(Random r, Class<E> type) {
        return oneOf(r, type.getEnumConstants());
    }

    /** A list of {@code minSize} to {@code maxSize} elements (the ends of that range among the edges). */
    public static <T> List<T> listOf(Random r, int minSize, int maxSize, Function<Random, T> element) {
        int size = intIn(r, minSize, maxSize);
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(element.apply(r));
        }
        return out;
    }

    /** {@code minLength} to {@code maxLength} random bytes. */
    public static byte[] bytes(Random r, int minLength, int maxLength) {
        byte[] out = new byte[intIn(r, minLength, maxLength)];
        r.nextBytes(out);
        return out;
    }

    private static void checkRange(double min, double max) {
        if (!(min <= max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("not a finite range [" + min + ", " + max + "]");
        }
    }
}
