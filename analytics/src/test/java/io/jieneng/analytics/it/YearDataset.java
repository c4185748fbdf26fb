package io.jieneng.analytics.it;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A year of readings (2022 in Asia/Shanghai, from 2021-12-31 22:00 to 2023-01-01 02:00) for the simulated
 * institution {@code yr-inst} of {@code year-registry.json}, generated from a fixed seed:
 *
 * <ul>
 *   <li>{@code yr-main}: import and export every 15 minutes at :05, :20, :35, :50, so every hour, day, month and
 *       year boundary falls inside a reading pair; a register reset (meter exchange) at 2022-06-15 10:05; an
 *       outage 2022-08-10 08:00-14:00 whose 24 readings are sent only after everything else, newest first;</li>
 *   <li>{@code yr-pv}: generation and irradiance every 15 minutes on the hour; one reading repeated inside its
 *       message;</li>
 *   <li>{@code yr-gas} hourly at :30 with a 10-hour gap that is never filled; {@code yr-heat} hourly;
 *       {@code yr-water} every 15 minutes from its commissioning on 2022-05-01;</li>
 *   <li>{@code yr-dc-it} / {@code yr-dc-total}: a data centre at :10, :25, ..., plus IT readings at
 *       23:59:59.999 and 00:00:00.000 around New Year; {@code yr-sub}: a sub-meter that must count nowhere.</li>
 * </ul>
 * Register values are whole thousandths (Wh, litres, MJ), so the text sent is exact. Two messages are sent a
 * second time at the end (duplicates).
 */
final class YearDataset {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final long QUARTER = 15 * 60_000L;
    static final long HOUR = 60 * 60_000L;
    static final long START = local("2021-12-31T22:00");
    static final long END = local("2023-01-01T02:00");
    static final long RESET_AT = local("2022-06-15T10:05");
    static final long OUTAGE_FROM = local("2022-08-10T08:00");
    static final long OUTAGE_TO = local("2022-08-10T14:00");
    static final long GAS_GAP_FROM = local("2022-11-20T05:00");
    static final long GAS_GAP_TO = local("2022-11-20T15:00");
    static final long WATER_COMMISSIONED = local("2022-05-01T00:00");
    static final double PV_KWP = 150;
    /** Payloads stay under the contract's 64 KiB. */
    private static final int MAX_PAYLOAD_CHARS = 60_000;

    /** One reading: its meter, time and values by JSON field name. */
    record Sample(String meter, long ts, Map<String, Double> values) {
        String json() {
            StringBuilder sb = new StringBuilder("{\"ts\":").append(ts);
            values.forEach((field, v) -> sb.append(",\"").append(field).append("\":").append(v));
            return sb.append('}').toString();
        }
    }

    /** A message to publish as {@code meter}. */
    record Message(String meter, String payload) {
    }

    /** Every reading the store holds at the end, per meter, in time order, one per timestamp. */
    final Map<String, List<Sample>> finalData = new LinkedHashMap<>();
    /** The same before the outage is backfilled. */
    final Map<String, List<Sample>> beforeBackfill = new LinkedHashMap<>();
    /** Sent first, per meter (meters publish in parallel, each in order). */
    final Map<String, List<Message>> firstPhase = new LinkedHashMap<>();
    /** Sent after the first phase is acknowledged: the outage, newest first, then two messages again. */
    final List<Message> secondPhase = new ArrayList<>();

    private final Random random = new Random(20_220_101L);
    private final Map<LocalDate, Double> clouds = new HashMap<>();

    static YearDataset generate() {
        YearDataset d = new YearDataset();
        d.build();
        return d;
    }

    private void build() {
        List<Sample> main = mainMeter();
        List<Sample> pv = series("yr-pv", START, QUARTER, this::pvValues);
        add(main, main.stream().filter(s -> s.ts() < OUTAGE_FROM || s.ts() >= OUTAGE_TO).toList());
        List<Message> pvMessages = messages(pv, local("2022-03-15T12:00"));
        firstPhase.put("yr-pv", pvMessages);
        finalData.put("yr-pv", pv);
        beforeBackfill.put("yr-pv", pv);
        List<Sample> gas = series("yr-gas", START + 30 * 60_000L, HOUR, cumulative("volumeM3", this::gasLitres));
        add(gas, gas.stream().filter(s -> s.ts() < GAS_GAP_FROM || s.ts() >= GAS_GAP_TO).toList());
        List<Sample> water = series("yr-water", WATER_COMMISSIONED, QUARTER, cumulative("volumeM3", this::waterLitres));
        add(water, water);
        List<Sample> heat = series("yr-heat", START, HOUR, cumulative("heatGj", this::heatMj));
        add(heat, heat);
        List<Sample> dcIt = new ArrayList<>();
        List<Sample> dcTotal = new ArrayList<>();
        dataCentre(dcIt, dcTotal);
        add(dcIt, dcIt);
        add(dcTotal, dcTotal);
        List<Sample> sub = series("yr-sub", START, QUARTER, cumulative("energyKwh", t -> 1_000_000L));
        add(sub, sub);

        List<Sample> outage = new ArrayList<>(main.stream()
                .filter(s -> s.ts() >= OUTAGE_FROM && s.ts() < OUTAGE_TO).toList());
        Collections.reverse(outage);
        int half = outage.size() / 2;
        secondPhase.add(message(outage.subList(0, half)));
        secondPhase.add(message(outage.subList(half, outage.size())));
        secondPhase.add(containing(firstPhase.get("yr-main"), local("2022-02-01T00:05")));
        secondPhase.add(containing(pvMessages, local("2022-07-01T12:00")));
    }

    /** Records {@code all} as the final data and sends {@code sent} in the first phase. */
    private void add(List<Sample> all, List<Sample> sent) {
        String meter = all.get(0).meter();
        finalData.put(meter, all);
        beforeBackfill.put(meter, sent);
        firstPhase.put(meter, messages(sent, Long.MIN_VALUE));
    }

    private List<Sample> mainMeter() {
        List<Sample> out = new ArrayList<>();
        long importWh = 50_000_000;
        long exportWh = 1_200_000;
        for (long t = START + 5 * 60_000L; t <= END; t += QUARTER) {
            double pvKw = PV_KWP * 0.8 * irradiance(t) / 1000;
            double netKw = loadKw(t) - pvKw;
            long importStep = Math.round(Math.max(0, netKw) * 250);
            long exportStep = Math.round(Math.max(0, -netKw) * 250);
            // A new meter starts from zero: its first reading holds only this interval's energy.
            importWh = t == RESET_AT ? importStep : importWh + importStep;
            exportWh = t == RESET_AT ? exportStep : exportWh + exportStep;
            out.add(sample("yr-main", t, "energyKwh", importWh, "exportKwh", exportWh));
        }
        return out;
    }

    private Map<String, Double> pvValues(long t, long[] state) {
        state[0] += Math.round(PV_KWP * 0.8 * (irradiance(t - QUARTER) + irradiance(t)) / 2 * 0.25);
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("energyKwh", state[0] / 1000.0);
        v.put("irradianceWm2", irradiance(t));
        return v;
    }

    private void dataCentre(List<Sample> it, List<Sample> total) {
        long itWh = 700_000;
        long totalWh = 980_000;
        long newYear = local("2023-01-01T00:00");
        for (long t = START + 10 * 60_000L; t <= END; t += QUARTER) {
            double itKw = 30 + 4 * random.nextDouble();
            double pue = 1.30 + 0.15 * Math.max(0, Math.cos(2 * Math.PI * (dayOfYear(t) - 200) / 365.0))
                    + 0.02 * random.nextDouble();
            long itStep = Math.round(itKw * 250);
            if (t - QUARTER < newYear && t > newYear) {
                it.add(sample("yr-dc-it", newYear - 1, "energyKwh", itWh + itStep / 3));
                it.add(sample("yr-dc-it", newYear, "energyKwh", itWh + itStep / 3 + 1));
            }
            itWh += itStep;
            totalWh += Math.round(itKw * pue * 250);
            it.add(sample("yr-dc-it", t, "energyKwh", itWh));
            total.add(sample("yr-dc-total", t, "energyKwh", totalWh));
        }
    }

    private long gasLitres(long t) {
        int hour = localTime(t).getHour();
        double winter = Math.max(0, Math.cos(2 * Math.PI * (dayOfYear(t) - 15) / 365.0));
        double m3 = workday(t) && hour >= 7 && hour < 19 ? 2 + 3 * random.nextDouble() + 3 * winter
                : 0.2 * random.nextDouble();
        return Math.round(m3 * 1000);
    }

    private long waterLitres(long t) {
        int hour = localTime(t).getHour();
        double m3 = workday(t) && hour >= 8 && hour < 18 ? 0.3 + 0.2 * random.nextDouble()
                : 0.02 * random.nextDouble();
        return Math.round(m3 * 1000);
    }

    private long heatMj(long t) {
        double winter = Math.max(0, Math.cos(2 * Math.PI * (dayOfYear(t) - 15) / 365.0));
        return Math.round(250 * winter * (0.8 + 0.4 * random.nextDouble()));
    }

    private double loadKw(long t) {
        int hour = localTime(t).getHour();
        double base = workday(t) && hour >= 8 && hour < 18 ? 120 : 45;
        double hvac = 40 * Math.abs(Math.cos(2 * Math.PI * (dayOfYear(t) - 15) / 365.0));
        return (base + hvac) * (0.9 + 0.2 * random.nextDouble());
    }

    /** Plane-of-array irradiance, W/m², to 0.1 W/m²: a daily arc scaled by season and the day's cloud. */
    double irradiance(long t) {
        ZonedDateTime z = localTime(t);
        double h = z.getHour() + z.getMinute() / 60.0;
        double season = Math.sin(2 * Math.PI * (z.getDayOfYear() - 80) / 365.0);
        double halfDay = 6 + 1.5 * season;
        if (Math.abs(h - 12) >= halfDay) {
            return 0.0;
        }
        double cloud = clouds.computeIfAbsent(z.toLocalDate(), d -> 0.2 + 0.8 * random.nextDouble());
        double g = 1000 * (0.75 + 0.25 * season) * Math.cos(Math.PI / 2 * (h - 12) / halfDay) * cloud;
        return Math.round(g * 10) / 10.0;
    }

    private List<Sample> series(String meter, long first, long step, ValueFunction values) {
        List<Sample> out = new ArrayList<>();
        long[] state = {5_000_000};
        for (long t = first; t <= END; t += step) {
            out.add(new Sample(meter, t, values.at(t, state)));
        }
        return out;
    }

    private static ValueFunction cumulative(String field, Function<Long, Long> stepThousandths) {
        return (t, state) -> {
            state[0] += stepThousandths.apply(t);
            Map<String, Double> v = new LinkedHashMap<>();
            v.put(field, state[0] / 1000.0);
            return v;
        };
    }

    private interface ValueFunction {
        Map<String, Double> at(long t, long[] state);
    }

    private static Sample sample(String meter, long t, Object... fieldsAndThousandths) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndThousandths.length; i += 2) {
            v.put((String) fieldsAndThousandths[i], ((Long) fieldsAndThousandths[i + 1]) / 1000.0);
        }
        return new Sample(meter, t, v);
    }

    /** Consecutive readings in messages under the payload limit; the reading at {@code repeatTs} is sent twice. */
    private static List<Message> messages(List<Sample> samples, long repeatTs) {
        List<Message> out = new ArrayList<>();
        List<Sample> chunk = new ArrayList<>();
        int chars = 2;
        for (Sample s : samples) {
            int size = s.json().length() + 1;
            if (chars + size > MAX_PAYLOAD_CHARS) {
                out.add(message(chunk));
                chunk = new ArrayList<>();
                chars = 2;
            }
            chunk.add(s);
            chars += size;
            if (s.ts() == repeatTs) {
                chunk.add(s);
                chars += size;
            }
        }
        if (!chunk.isEmpty()) {
            out.add(message(chunk));
        }
        return out;
    }

    private static Message message(List<Sample> samples) {
        StringBuilder sb = new StringBuilder("[");
        for (Sample s : samples) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(s.json());
        }
        return new Message(samples.get(0).meter(), sb.append(']').toString());
    }

    private static Message containing(List<Message> messages, long ts) {
        String needle = "{\"ts\":" + ts + ",";
        return messages.stream().filter(m -> m.payload().contains(needle)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no message holds ts " + ts));
    }

    /** Every reading of the first phase, counted. */
    int firstPhaseReadings() {
        return beforeBackfill.values().stream().mapToInt(List::size).sum();
    }

    static long local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant().toEpochMilli();
    }

    private static ZonedDateTime localTime(long t) {
        return java.time.Instant.ofEpochMilli(t).atZone(ZONE);
    }

    private static int dayOfYear(long t) {
        return localTime(t).getDayOfYear();
    }

    private static boolean workday(long t) {
        DayOfWeek d = localTime(t).getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    static Comparator<Sample> byTime() {
        return Comparator.comparingLong(Sample::ts);
    }
}
