package io.jieneng.devices.sim.fault;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fault to inject into one meter's live readings: {@code KIND:METER[:ARG]} on the command line
 * ({@code --fault outage:m1:30m}) or {@code fault KIND METER [ARG]} typed on the control console.
 *
 * @param argument for {@link FaultKind#OUTAGE} the length in ms (&gt; 0); for {@link FaultKind#SKEW} the signed
 *                 offset in ms; for {@link FaultKind#GARBAGE} n of "every n-th message" (&ge; 2); otherwise 0
 */
public record Fault(FaultKind kind, String meterId, long argument) {

    /** Garbage every 10th message unless told otherwise. */
    public static final int DEFAULT_GARBAGE_EVERY = 10;
    /** Longer than a day is not a fault to demonstrate but a dead meter; it would also buffer without bound. */
    static final long MAX_OUTAGE_MILLIS = 86_400_000L;
    /** A week either way covers every plausible clock error. */
    static final long MAX_SKEW_MILLIS = 7 * 86_400_000L;

    private static final Pattern DURATION = Pattern.compile("([+-]?)(\\d{1,9})(ms|s|m|h)?");

    public Fault {
        if (kind == null || meterId == null || meterId.isBlank()) {
            throw new IllegalArgumentException("a fault needs a kind and a meter");
        }
        switch (kind) {
            case OUTAGE -> require(argument > 0 && argument <= MAX_OUTAGE_MILLIS,
                    "an outage lasts more than 0 and at most 24h");
            case SKEW -> require(Math.abs(argument) <= MAX_SKEW_MILLIS, "a skew is at most 7 days either way");
            case GARBAGE -> require(argument >= 2 && argument <= 1_000_000,
                    "garbage needs n in [2, 1000000]: every n-th message is replaced");
            default -> require(argument == 0, kind.code() + " takes no argument");
        }
    }

    /**
     * Parses {@code KIND:METER[:ARG]}, for example {@code reset:m1}, {@code outage:m1:30m}, {@code skew:m1:+600s},
     * {@code duplicates:m1}, {@code garbage:m1:10}. Durations are a whole number with {@code ms}, {@code s}
     * (default), {@code m} or {@code h}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Fault parse(String spec) {
        String[] parts = spec.trim().split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("a fault is KIND:METER[:ARG], not '" + spec + "'");
        }
        return of(parts[0], parts[1], parts.length == 3 ? parts[2] : null, spec);
    }

    /**
     * Parses a console line {@code fault KIND METER [ARG]} (the word {@code fault} may be left out, and
     * {@code KIND:METER[:ARG]} is accepted too).
     */
    public static Fault parseCommand(String line) {
        String[] words = line.trim().split("\\s+");
        int first = words.length > 0 && words[0].equalsIgnoreCase("fault") ? 1 : 0;
        int n = words.length - first;
        if (n == 1 && words[first].contains(":")) {
            return parse(words[first]);
        }
        if (n < 2 || n > 3) {
            throw new IllegalArgumentException("a command is 'fault KIND METER [ARG]', not '" + line.trim() + "'");
        }
        return of(words[first], words[first + 1], n == 3 ? words[first + 2] : null, line.trim());
    }

    private static Fault of(String kindText, String meter, String arg, String source) {
        FaultKind kind = FaultKind.parse(kindText);
        require(!meter.isBlank(), "the fault '" + source + "' names no meter");
        if (kind.needsArgument()) {
            require(arg != null && !arg.isBlank(), kind.code() + " needs an argument: " + usage(kind));
        }
        long value = 0;
        if (arg != null && !arg.isBlank()) {
            value = switch (kind) {
                case OUTAGE, SKEW -> durationMillis(arg, kind);
                case GARBAGE -> whole(arg);
                default -> throw new IllegalArgumentException(kind.code() + " takes no argument, got '" + arg + "'");
            };
        } else if (kind == FaultKind.GARBAGE) {
            value = DEFAULT_GARBAGE_EVERY;
        }
        return new Fault(kind, meter.trim(), value);
    }

    /** A duration such as {@code 30m}, {@code 90s}, {@code +600s}, {@code -2m}, {@code 1500ms}; signed only for skew. */
    static long durationMillis(String text, FaultKind kind) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(kind.code() + " needs a duration such as " + usage(kind)
                    + ", not '" + text + "'");
        }
        if (kind != FaultKind.SKEW && !m.group(1).isEmpty()) {
            throw new IllegalArgumentException(kind.code() + " takes an unsigned duration, not '" + text + "'");
        }
        long amount = Long.parseLong(m.group(2));
        String unit = m.group(3) == null ? "s" : m.group(3);
        long millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000L;
            case "m" -> amount * 60_000L;
            default -> amount * 3_600_000L;
        };
        return "-".equals(m.group(1)) ? -millis : millis;
    }

    private static long whole(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("garbage needs a whole number n (every n-th message), not '"
                    + text + "'");
        }
    }

    private static String usage(FaultKind kind) {
        return switch (kind) {
            case OUTAGE -> "outage:m1:30m";
            case SKEW -> "skew:m1:+600s";
            case GARBAGE -> "garbage:m1:10";
            default -> kind.code() + ":m1";
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** As typed on the command line. */
    @Override
    public String toString() {
        return switch (kind) {
            case OUTAGE, SKEW -> kind.code() + ":" + meterId + ":" + (kind == FaultKind.SKEW && argument >= 0 ? "+" : "")
                    + argument + "ms";
            case GARBAGE -> kind.code() + ":" + meterId + ":" + argument;
            default -> kind.code() + ":" + meterId;
        };
    }
}
