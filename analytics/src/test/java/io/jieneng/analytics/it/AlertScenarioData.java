package io.jieneng.analytics.it;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The readings of {@link AlertLifecycleIT}'s scenarios and the figures they should give, computed by hand. */
final class AlertScenarioData {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    /** Working days of the weeks around the 2026 Spring Festival (State Council notice of 2025-11-04). */
    private static final Set<LocalDate> WORKING_DAYS = Set.of(
            LocalDate.parse("2026-02-09"), LocalDate.parse("2026-02-10"), LocalDate.parse("2026-02-11"),
            LocalDate.parse("2026-02-12"), LocalDate.parse("2026-02-13"), LocalDate.parse("2026-02-14"),
            LocalDate.parse("2026-02-24"), LocalDate.parse("2026-02-25"), LocalDate.parse("2026-02-26"),
            LocalDate.parse("2026-02-27"), LocalDate.parse("2026-02-28"));

    private AlertScenarioData() {
    }

    /** Hourly ah-main readings 2026-02-09 00:00 .. 2026-03-02 00:00: 20 kW at work, 10 kW (first week) or 4 kW. */
    static List<String> afterHoursReadings() {
        List<String> out = new ArrayList<>();
        double kwh = 0;
        LocalDateTime t = LocalDateTime.parse("2026-02-09T00:00");
        for (; !t.isAfter(LocalDateTime.parse("2026-03-02T00:00")); t = t.plusHours(1)) {
            out.add(Meters.reading(t.atOffset(CST).toString(), "energyKwh", kwh));
            kwh += load(t);
        }
        return out;
    }

    static double afterHoursTotalKwh() {
        double sum = 0;
        for (LocalDateTime t = LocalDateTime.parse("2026-02-09T00:00"); t.isBefore(LocalDateTime.parse(
                "2026-03-02T00:00")); t = t.plusHours(1)) {
            sum += load(t);
        }
        return sum;
    }

    /** kWh of the hour starting at {@code t}: the building is in use 08:00–18:00 on working days. */
    private static double load(LocalDateTime t) {
        boolean inUse = WORKING_DAYS.contains(t.toLocalDate()) && t.getHour() >= 8 && t.getHour() < 18;
        return inUse ? 20 : t.toLocalDate().isBefore(LocalDate.parse("2026-02-16")) ? 10 : 4;
    }

    /**
     * The after-hours ratio of the 7 days from {@code monday}, computed here by hand: working time is 08:30–17:30
     * of {@link #WORKING_DAYS}, so the 08:00 and 17:00 hours are half working time.
     */
    static double expectedRatio(String monday) {
        double workKwh = 0;
        double workH = 0;
        double restKwh = 0;
        double restH = 0;
        LocalDateTime start = LocalDate.parse(monday).atStartOfDay();
        for (LocalDateTime t = start; t.isBefore(start.plusDays(7)); t = t.plusHours(1)) {
            double share = !WORKING_DAYS.contains(t.toLocalDate()) ? 0
                    : t.getHour() == 8 || t.getHour() == 17 ? 0.5 : t.getHour() > 8 && t.getHour() < 17 ? 1 : 0;
            workKwh += load(t) * share;
            workH += share;
            restKwh += load(t) * (1 - share);
            restH += 1 - share;
        }
        return (restKwh / restH) / (workKwh / workH);
    }

    /** {@code count} hourly readings from the local {@code start}, with values {@code first}, first + 1, ... */
    static List<String> hourly(String start, int first, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Meters.reading(LocalDateTime.parse(start).plusHours(i).atOffset(CST).toString(), "energyKwh",
                    first + i));
        }
        return out;
    }
}
