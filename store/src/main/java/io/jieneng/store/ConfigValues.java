package io.jieneng.store;

import org.eclipse.microprofile.config.spi.Converter;

import java.util.Arrays;
import java.util.Locale;

/**
 * The value checks of configuration keys that {@link StoreConfig} needs and the other mappings (ingest's
 * {@code Allowed}, analytics) share: SmallRye converters named on a key with {@code @WithConverter}. A converter
 * refuses a value with {@link NotAllowed}, whose message says what is allowed; ingest's {@code Settings} adds the
 * key to it.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** A value outside what its key allows; the message is the allowed values ("expected ..."). */
    public static final class NotAllowed extends IllegalArgumentException {
        public NotAllowed(String expected) {
            super("expected " + expected);
        }
    }

    /** An integer within bounds. */
    public abstract static class IntRange implements Converter<Integer> {
        private final int min;
        private final int max;
        private final String note;

        protected IntRange(int min, int max, String note) {
            this.min = min;
            this.max = max;
            this.note = note;
        }

        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // refused below with the bounds
            }
            throw new NotAllowed(describe());
        }

        /** The allowed values, as the error message and docs/CONFIG.md word them. */
        public String describe() {
            String upper = max == Integer.MAX_VALUE ? "" : " to " + max;
            return (upper.isEmpty() ? "an integer from " + min + " up" : "an integer from " + min + upper) + note;
        }
    }

    /** A TCP port; 0 binds any free one. */
    public static final class Port extends IntRange {
        public Port() {
            super(0, 65_535, " (0 = any free port)");
        }
    }

    /**
     * {@code true} or {@code false}, any case. Stricter than SmallRye's own, which reads anything it does not
     * know as false: a typo such as {@code ture} must not silently turn a feature off.
     */
    public static final class Bool implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new NotAllowed("true or false");
            };
        }
    }

    /** The time-series store, by its {@link StoreKind#configName}: a new constant is accepted without a change. */
    public static final class Kind implements Converter<StoreKind> {
        @Override
        public StoreKind convert(String value) {
            return StoreKind.fromConfigName(value.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new NotAllowed(
                    "one of " + String.join(", ", Arrays.stream(StoreKind.values()).map(StoreKind::configName)
                            .toList())));
        }
    }
}
