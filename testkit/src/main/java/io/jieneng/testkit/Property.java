package io.jieneng.testkit;

import org.junit.jupiter.api.function.ThrowingConsumer;

import java.security.SecureRandom;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs a property: a check that must hold for every input a seeded {@link Random} draws, tried a given number of
 * times. Called from a plain JUnit 5 {@code @Test}; the edge cases a property must always see are written next to it
 * as {@code @ParameterizedTest} or {@code @Test} examples, so they do not depend on luck.
 *
 * <p>Every try gets its own {@code Random}, seeded from the base seed, the property's name and the try's number. The
 * base seed is {@link #DEFAULT_BASE_SEED} unless the system property {@code jieneng.seed} says otherwise (a number,
 * or {@code random} for a new one each run), so a CI run is reproducible by default and other values can be explored
 * on purpose. {@code jieneng.try} runs only that try, which is how a failure of a slow property is replayed quickly.
 *
 * <p>A failing try throws an {@link AssertionError} naming the property, the try, both seeds, the input (with
 * {@link #forAll}) and the command line that re-runs it; the original failure is its cause.
 */
public final class Property {

    /** As many tries as jqwik made by default, so a converted property keeps its reach. */
    public static final int DEFAULT_TRIES = 1000;
    public static final String SEED_PROPERTY = "jieneng.seed";
    public static final String TRY_PROPERTY = "jieneng.try";
    /** Fixed, so that two runs of the same code try the same inputs; any value serves. */
    public static final long DEFAULT_BASE_SEED = 20_261_208L;

    private static final int MAX_SAMPLE_CHARS = 2_000;

    private Property() {
    }

    /** {@link #DEFAULT_TRIES} tries of {@code body}, named after the calling test method. */
    public static void check(ThrowingConsumer<Random> body) {
        run(callerName(), DEFAULT_TRIES, r -> r, body, false);
    }

    /** {@code tries} tries of {@code body}, named after the calling test method. */
    public static void check(int tries, ThrowingConsumer<Random> body) {
        run(callerName(), tries, r -> r, body, false);
    }

    /** {@code tries} tries of {@code body}, under an explicit name (the seeds derive from it). */
    public static void check(String name, int tries, ThrowingConsumer<Random> body) {
        run(name, tries, r -> r, body, false);
    }

    /**
     * {@code tries} tries of {@code body} on a value drawn by {@code generator}; a failure also shows the value
     * (its {@code toString}, cut at 2,000 characters), so records make good inputs.
     */
    public static <T> void forAll(int tries, Function<Random, T> generator, ThrowingConsumer<T> body) {
        run(callerName(), tries, generator, body, true);
    }

    /** The seed of one try: the same base, name and try always give the same {@code Random} stream. */
    public static long trySeed(long baseSeed, String name, int tryIndex) {
        return mix(baseSeed + mix(name.hashCode()) + (tryIndex + 1L) * 0x9E3779B97F4A7C15L);
    }

    /** The base seed of this run: {@code -Djieneng.seed}, else {@link #DEFAULT_BASE_SEED}. */
    public static long baseSeed() {
        return BaseSeed.VALUE;
    }

    private static <T> void run(String name, int tries, Function<Random, T> generator, ThrowingConsumer<T> body,
                                boolean showSample) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, not " + tries);
        }
        long base = baseSeed();
        Integer only = onlyTry();
        for (int i = 0; i < tries; i++) {
            if (only != null && only != i) {
                continue;
            }
            long seed = trySeed(base, name, i);
            T input = null;
            try {
                input = generator.apply(new Random(seed));
                body.accept(input);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable failure) {
                throw new AssertionError(report(name, i, tries, seed, base, showSample, input, failure), failure);
            }
        }
    }

    static String report(String name, int tryIndex, int tries, long seed, long base, boolean showSample,
                         Object input, Throwable failure) {
        StringBuilder m = new StringBuilder()
                .append("Property '").append(name).append("' failed on try ").append(tryIndex)
                .append(" (of ").append(tries).append(") with seed ").append(seed)
                .append(" (base seed ").append(base).append(")");
        if (showSample) {
            String sample = String.valueOf(input);
            m.append("\n  input: ").append(sample.length() > MAX_SAMPLE_CHARS
                    ? sample.substring(0, MAX_SAMPLE_CHARS) + "..." : sample);
        }
        return m.append("\n  failure: ").append(failure)
                .append("\n  re-run this try: mvn -B test -pl <module> -am -Dsurefire.failIfNoSpecifiedTests=false")
                .append(" -Dtest='").append(name).append("' -D").append(SEED_PROPERTY).append('=').append(base)
                .append(" -D").append(TRY_PROPERTY).append('=').append(tryIndex)
                .append("\n  (the same base seed also replays every try before it; see docs/TESTING.md)")
                .toString();
    }

    /** SplitMix64's finaliser: neighbouring inputs give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static Integer onlyTry() {
        String value = System.getProperty(TRY_PROPERTY);
        return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
    }

    /**
     * Class#method of the test that called in, as Surefire's -Dtest takes it; a call from inside a lambda is named
     * after the method that holds the lambda.
     */
    private static String callerName() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(f -> f.getDeclaringClass() != Property.class).findFirst())
                .map(f -> f.getDeclaringClass().getSimpleName() + "#"
                        + f.getMethodName().replaceFirst("^lambda\\$(.+)\\$\\d+$", "$1"))
                .orElseThrow();
    }

    /** Read once, so that {@code random} means one base seed for the whole run, reported in every failure. */
    private static final class BaseSeed {
        static final long VALUE = read(System.getProperty(SEED_PROPERTY));

        static long read(String value) {
            if (value == null || value.isBlank()) {
                return DEFAULT_BASE_SEED;
            }
            if (value.trim().equalsIgnoreCase("random")) {
                return new SecureRandom().nextLong();
            }
            return Long.decode(value.trim());
        }
    }
}
