package io.jieneng.devices.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * Writes load-test messages straight into a {@link ByteBuf}: docs/CONTRACT.md §1 readings of an electricity main meter,
 * {@code {"ts": 1767225600000, "energyKwh": 123456.123456, "exportKwh": 100042.000000, "powerKw": 42.123456}}, one
 * object or an array of them. Each reading takes exactly {@code readingBytes} bytes: the fields that fit (ts and
 * energyKwh always; powerKw, then exportKwh when there is room), then insignificant whitespace before the closing
 * brace. Every number has a fixed width, so every message of a run has the same size. Writing allocates nothing;
 * one instance serves all connections of an event loop.
 */
public final class ReadingPayload {

    /** docs/CONTRACT.md §1: at most 64 KiB of payload per message. */
    public static final int MAX_MESSAGE_BYTES = 65_536;
    /** docs/CONTRACT.md §1: at most 10,000 readings per message. */
    public static final int MAX_READINGS = 10_000;

    private static final byte[] TS = ascii("{\"ts\": ");
    private static final byte[] ENERGY = ascii(", \"energyKwh\": ");
    private static final byte[] EXPORT = ascii(", \"exportKwh\": ");
    private static final byte[] POWER = ascii(", \"powerKw\": ");
    private static final int TS_DIGITS = 13;
    // "123456.123456" and "12.123456"
    private static final int REGISTER_CHARS = 13;
    private static final int POWER_CHARS = 9;
    private static final int WITH_ENERGY = TS.length + TS_DIGITS + ENERGY.length + REGISTER_CHARS + 1;
    private static final int WITH_POWER = WITH_ENERGY + POWER.length + POWER_CHARS;
    private static final int WITH_EXPORT = WITH_POWER + EXPORT.length + REGISTER_CHARS;
    /** The smallest reading: ts and energyKwh. */
    public static final int MIN_READING_BYTES = WITH_ENERGY;
    private static final long MIN_TS = 1_000_000_000_000L;
    private static final long MAX_TS = 9_999_999_999_999L;

    private final int readingBytes;
    private final int readingsPerMessage;
    private final boolean power;
    private final boolean export;
    // One reading with its constant parts and padding in place; write() patches the digits and copies it out.
    private final byte[] template;
    private final int tsAt;
    private final int energyAt;
    private final int exportAt;
    private final int powerAt;

    /**
     * @throws IllegalArgumentException when a reading cannot be that small, or the message would exceed the
     *                                  contract's limits
     */
    public ReadingPayload(int readingBytes, int readingsPerMessage) {
        if (readingBytes < MIN_READING_BYTES) {
            throw new IllegalArgumentException("--payload-bytes must be at least " + MIN_READING_BYTES
                    + " (a reading with ts and energyKwh), not " + readingBytes);
        }
        if (readingsPerMessage < 1 || readingsPerMessage > MAX_READINGS) {
            throw new IllegalArgumentException("--readings-per-message must be in [1, " + MAX_READINGS + "], not "
                    + readingsPerMessage);
        }
        this.readingBytes = readingBytes;
        this.readingsPerMessage = readingsPerMessage;
        this.power = readingBytes >= WITH_POWER;
        this.export = readingBytes >= WITH_EXPORT;
        long size = messageBytes(readingBytes, readingsPerMessage);
        if (size > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("a message of " + readingsPerMessage + " readings of " + readingBytes
                    + " bytes takes " + size + " bytes, above the contract's 64 KiB (" + MAX_MESSAGE_BYTES
                    + "): lower --payload-bytes or --readings-per-message");
        }
        template = new byte[readingBytes];
        java.util.Arrays.fill(template, (byte) ' ');
        int at = put(TS, 0);
        tsAt = at;
        at = put(ENERGY, at + TS_DIGITS);
        energyAt = at;
        at += REGISTER_CHARS;
        if (export) {
            at = put(EXPORT, at);
            exportAt = at;
            at += REGISTER_CHARS;
        } else {
            exportAt = -1;
        }
        if (power) {
            at = put(POWER, at);
            powerAt = at;
        } else {
            powerAt = -1;
        }
        template[readingBytes - 1] = '}';
    }

    /** The size of every message. */
    public int messageBytes() {
        return (int) messageBytes(readingBytes, readingsPerMessage);
    }

    public int readingsPerMessage() {
        return readingsPerMessage;
    }

    /**
     * Appends one message to {@code out}: the readings at {@code firstTs}, {@code firstTs + stepMillis}, ..., and
     * advances {@code series} past them.
     */
    public void write(ByteBuf out, MeterSeries series, long firstTs, long stepMillis) {
        long lastTs = firstTs + (readingsPerMessage - 1L) * stepMillis;
        if (firstTs < MIN_TS || lastTs > MAX_TS) {
            throw new IllegalArgumentException("a ts must have 13 digits (years 2001 to 2286), not " + firstTs);
        }
        out.ensureWritable(messageBytes());
        boolean array = readingsPerMessage > 1;
        if (array) {
            out.writeByte('[');
        }
        long ts = firstTs;
        for (int i = 0; i < readingsPerMessage; i++) {
            if (i > 0) {
                out.writeByte(',');
                series.advance(stepMillis);
            }
            writeReading(out, series, ts);
            ts += stepMillis;
        }
        series.advance(stepMillis);
        if (array) {
            out.writeByte(']');
        }
    }

    /** One message as bytes; for tests and tools, not for the hot path. */
    public byte[] encode(MeterSeries series, long firstTs, long stepMillis) {
        ByteBuf buf = Unpooled.buffer(messageBytes());
        write(buf, series, firstTs, stepMillis);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    private void writeReading(ByteBuf out, MeterSeries series, long ts) {
        byte[] t = template;
        digits(t, tsAt, ts, TS_DIGITS);
        fixedPoint(t, energyAt, series.energyMicroKwh(), 6);
        if (export) {
            fixedPoint(t, exportAt, series.exportMicroKwh(), 6);
        }
        if (power) {
            fixedPoint(t, powerAt, series.powerMicroKw(), 2);
        }
        out.writeBytes(t);
    }

    /** {@code micro} / 10^6 with {@code integerDigits} digits before the point and 6 after. */
    private static void fixedPoint(byte[] t, int at, long micro, int integerDigits) {
        digits(t, at, micro / 1_000_000L, integerDigits);
        t[at + integerDigits] = '.';
        digits(t, at + integerDigits + 1, micro % 1_000_000L, 6);
    }

    /** Exactly {@code width} decimal digits of a non-negative value, zero-padded on the left. */
    static void digits(byte[] t, int at, long value, int width) {
        long v = value;
        for (int i = at + width - 1; i >= at; i--) {
            t[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    private int put(byte[] text, int at) {
        System.arraycopy(text, 0, template, at, text.length);
        return at + text.length;
    }

    private static long messageBytes(int readingBytes, int readings) {
        return readings == 1 ? readingBytes : (long) readingBytes * readings + readings + 1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
