package io.jieneng.bench.tools;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The readings of one electricity main meter over a range, every {@code stepMillis}, from {@code from} to
 * {@code to} inclusive (so the range's last bucket is closed by a reading). The import register is kept in whole
 * watt-hours and sent with three decimals in kWh, so every delta is exact and the expected energy of any range
 * between two readings is known in integer arithmetic, independently of the platform's code.
 *
 * <p>Power follows an office: 08:00–18:00 on weekdays several times the night and weekend base, plus a
 * deterministic per-meter wobble. Same meter number, same readings, on every run.
 *
 * @param meterNumber distinguishes the meters' profiles (from 1)
 */
public record YearReadings(int meterNumber, long fromMillis, long toMillis, long stepMillis, ZoneId zone) {

    public YearReadings {
        if (stepMillis <= 0 || toMillis <= fromMillis || (toMillis - fromMillis) % stepMillis != 0) {
            throw new IllegalArgumentException("the range must be a positive whole number of steps: " + fromMillis
                    + " .. " + toMillis + " by " + stepMillis);
        }
    }

    /** The readings from local midnight of {@code from} to local midnight of {@code to}. */
    public static YearReadings of(int meterNumber, LocalDate from, LocalDate to, long stepMillis, ZoneId zone) {
        return new YearReadings(meterNumber, from.atStartOfDay(zone).toInstant().toEpochMilli(),
                to.atStartOfDay(zone).toInstant().toEpochMilli(), stepMillis, zone);
    }

    public int count() {
        return (int) ((toMillis - fromMillis) / stepMillis) + 1;
    }

    public long tsMillis(int k) {
        return fromMillis + k * stepMillis;
    }

    /** The import register at reading {@code k}, in Wh. */
    public long[] registerWh() {
        long[] wh = new long[count()];
        wh[0] = 100_000_000L + 7_919_000L * meterNumber;
        for (int k = 1; k < wh.length; k++) {
            wh[k] = wh[k - 1] + energyWh(tsMillis(k - 1));
        }
        return wh;
    }

    /** The energy of the step starting at {@code startMillis}, in Wh (at least 1). */
    long energyWh(long startMillis) {
        ZonedDateTime local = Instant.ofEpochMilli(startMillis).atZone(zone);
        boolean weekday = local.getDayOfWeek() != DayOfWeek.SATURDAY && local.getDayOfWeek() != DayOfWeek.SUNDAY;
        int hour = local.getHour();
        long baseW = 15_000L + 500L * (meterNumber % 20);
        long powerW = weekday && hour >= 8 && hour < 18 ? 4 * baseW : baseW;
        // A deterministic wobble of up to ±10 %, different per meter and per step.
        long h = (startMillis / stepMillis) * 0x9E3779B97F4A7C15L + meterNumber * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        powerW += powerW * Math.floorMod(h, 201L) / 1000 - powerW / 10;
        return Math.max(1, powerW * stepMillis / 3_600_000L);
    }

    /** The readings' JSON (docs/CONTRACT.md §1) in arrays of at most {@code perMessage}, in time order. */
    public List<byte[]> payloads(int perMessage) {
        long[] wh = registerWh();
        List<byte[]> out = new ArrayList<>();
        StringBuilder json = new StringBuilder();
        for (int start = 0; start < wh.length; start += perMessage) {
            int end = Math.min(wh.length, start + perMessage);
            json.setLength(0);
            json.append('[');
            for (int k = start; k < end; k++) {
                if (k > start) {
                    json.append(',');
                }
                long stepWh = k + 1 < wh.length ? wh[k + 1] - wh[k] : wh[k] - wh[k - 1];
                json.append("{\"ts\":").append(tsMillis(k)).append(",\"energyKwh\":");
                kwh(json, wh[k]);
                json.append(",\"powerKw\":");
                kwh(json, stepWh * 3_600_000L / stepMillis);
                json.append('}');
            }
            json.append(']');
            out.add(json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Wh (or W) as kWh (kW) with exactly three decimals, without a detour through floating point. */
    static void kwh(StringBuilder out, long wh) {
        out.append(wh / 1000).append('.');
        long milli = wh % 1000;
        if (milli < 100) {
            out.append('0');
        }
        if (milli < 10) {
            out.append('0');
        }
        out.append(milli);
    }

    /**
     * The register's growth between the readings at {@code fromMillis} and {@code toMillis}, in Wh: the exact
     * energy of that range, since both are readings.
     *
     * @throws IllegalArgumentException when either instant is not a reading time
     */
    public long energyWhBetween(long[] registerWh, long from, long to) {
        return registerWh[index(to)] - registerWh[index(from)];
    }

    private int index(long ts) {
        if (ts < fromMillis || ts > toMillis || (ts - fromMillis) % stepMillis != 0) {
            throw new IllegalArgumentException(Instant.ofEpochMilli(ts) + " is not a reading time of this series");
        }
        return (int) ((ts - fromMillis) / stepMillis);
    }
}
