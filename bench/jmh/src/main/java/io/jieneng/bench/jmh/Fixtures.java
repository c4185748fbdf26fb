package io.jieneng.bench.jmh;

import io.jieneng.devices.loadgen.BenchRegistry;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDocuments;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The inputs every benchmark shares, built the same way on every fork: the load generator's bench registry (so the
 * sink benchmarks look up the same tags as in bench/ingest-vs-mosquitto.sh), electricity main meters reporting every
 * 15 minutes, and readings whose registers grow like a building's.
 */
final class Fixtures {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final long QUARTER_HOUR_MILLIS = 900_000;
    /** 2025-01-01T00:00+08:00: the start of the year the apportioning benchmarks cover. */
    static final long YEAR_START_MILLIS = LocalDate.of(2025, 1, 1).atStartOfDay(ZONE).toInstant().toEpochMilli();
    static final long YEAR_END_MILLIS = LocalDate.of(2026, 1, 1).atStartOfDay(ZONE).toInstant().toEpochMilli();

    private Fixtures() {
    }

    /** The bench registry of {@code meters} electricity main meters, 10 per institution. */
    static Registry benchRegistry(int meters) {
        return Registry.of(RegistryDocuments.parse(BenchRegistry.document(meters)));
    }

    /** The first meter of the bench registry: electricity, main, 900 s interval, commissioned 2020-01-01. */
    static Meter benchMeter(Registry registry) {
        return registry.meter(BenchRegistry.meterId(1)).orElseThrow();
    }

    /**
     * {@code count} readings of {@code meterId} from {@code startMillis}, one per {@code stepMillis}, with the fields
     * an electricity main meter sends (energyKwh, exportKwh, powerKw). Power follows a working day (higher from 08:00
     * to 18:00 local), with a little noise; the import register integrates it, so it never decreases.
     */
    static List<Reading> readings(String meterId, long startMillis, long stepMillis, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Reading> out = new ArrayList<>(count);
        double energyKwh = 10_000 + random.nextDouble(50_000);
        double exportKwh = 100 + random.nextDouble(1_000);
        for (int i = 0; i < count; i++) {
            long ts = startMillis + i * stepMillis;
            int hour = (int) Math.floorMod((ts + 8 * 3_600_000L) / 3_600_000L, 24L);
            double powerKw = (hour >= 8 && hour < 18 ? 60 : 20) * (0.9 + 0.2 * random.nextDouble());
            out.add(new Reading(meterId, ts, round6(energyKwh), round6(exportKwh), null, null, round6(powerKw), null,
                    null));
            energyKwh += powerKw * stepMillis / 3_600_000.0;
            exportKwh += random.nextDouble(0.01);
        }
        return out;
    }

    /** A reading as a device sends it (docs/CONTRACT.md §1): compact JSON, six decimals, epoch-ms {@code ts}. */
    static String json(Reading r) {
        return String.format(Locale.ROOT, "{\"ts\":%d,\"energyKwh\":%.6f,\"exportKwh\":%.6f,\"powerKw\":%.6f}",
                r.tsMillis(), r.energyKwh(), r.exportKwh(), r.powerKw());
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
