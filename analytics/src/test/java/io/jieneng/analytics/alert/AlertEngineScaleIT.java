package io.jieneng.analytics.alert;

import io.jieneng.analytics.alert.check.AfterHoursCheck;
import io.jieneng.analytics.alert.check.CheckContext;
import io.jieneng.analytics.alert.check.DataGapCheck;
import io.jieneng.analytics.alert.check.OfflineCheck;
import io.jieneng.analytics.alert.check.PueCheck;
import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.analytics.registry.AnalyticsSchema;
import io.jieneng.devices.calendar.CalendarFile;
import io.jieneng.devices.calendar.WorkingCalendar;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.RegionLevel;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.SubItem;
import io.jieneng.store.ReadingReader;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's own cost at province scale: 5,000 institutions, 10,200 meters, 100 data centres, on an H2 registry
 * database, with the time-series side answered from memory (its cost is that of one batched query per check,
 * docs/ROLLUPS.md). A steady-state run must fit well inside the default one-minute period; the first run, which
 * opens every alert at once, is measured too.
 */
class AlertEngineScaleIT {

    private static final Logger LOG = Logger.getLogger(AlertEngineScaleIT.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int INSTITUTIONS = 5_000;
    private static final int DATA_CENTRES = 100;
    private static final Instant AS_OF = Instant.parse("2026-03-11T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aProvinceIsEvaluatedWellWithinTheEnginesPeriod() {
        Registry registry = province();
        try (RegistryDatabase db = openH2()) {
            AlertStore store = new AlertStore(db.dataSource(), ZONE);
            WorkingCalendar calendar = WorkingCalendar.standard(ZONE,
                    CalendarFile.load(Optional.empty(), WorkingCalendar.MONDAY_TO_FRIDAY));
            MeterEnergySource energy = new SyntheticEnergy();
            Map<String, Function<CheckContext, Evaluation>> checks = new LinkedHashMap<>();
            checks.put("meter_offline", new OfflineCheck(SilentOddMeters::new, 3, Duration.ofMinutes(15))::evaluate);
            checks.put("data_gap", new DataGapCheck(energy, 0.9, 7)::evaluate);
            checks.put("after_hours_waste", new AfterHoursCheck(energy, calendar, 0.4, 7, 0.9)::evaluate);
            checks.put("pue_above_limit", new PueCheck(energy, 1.5)::evaluate);
            AlertEngine engine = new AlertEngine(store, checks);

            AlertEngine.RunSummary first = engine.run(new CheckContext(registry, AS_OF, ZONE), n -> true, List.of())
                    .summary();
            AlertEngine.RunSummary steady = engine.run(new CheckContext(registry, AS_OF.plusSeconds(60), ZONE),
                    n -> true, List.of()).summary();
            AlertEngine.RunSummary next = engine.run(new CheckContext(registry, AS_OF.plusSeconds(120), ZONE),
                    n -> true, List.of()).summary();
            LOG.infof("province scale: first run %d ms (%d opened), steady runs %d ms and %d ms", first.millis(),
                    first.opened(), steady.millis(), next.millis());

            // Every second meter is silent, every tenth institution misses half a day, every institution leaves
            // the lights on, every data centre runs at 1.6: all of it opens on the first run, nothing after.
            assertThat(first.failedChecks()).isEmpty();
            long silent = registry.document().meters().stream().filter(m -> SilentOddMeters.silent(m.id())).count();
            long gappy = registry.document().institutions().stream().filter(i -> gappy(i.id())).count();
            assertThat(silent).isBetween(4_000L, 6_200L);
            assertThat(first.opened()).isEqualTo(silent + gappy * 7 + INSTITUTIONS + DATA_CENTRES * 2);
            assertThat(steady.opened() + steady.resolved() + next.opened() + next.resolved()).isZero();
            assertThat(Math.max(steady.millis(), next.millis())).as("a steady run, in ms").isLessThan(30_000);
        }
    }

    private static Registry province() {
        List<Region> regions = List.of(new Region("320000", "江苏省", RegionLevel.PROVINCE, null));
        List<Institution> institutions = new ArrayList<>();
        List<Meter> meters = new ArrayList<>();
        List<DataCenter> centres = new ArrayList<>();
        LocalDate commissioned = LocalDate.parse("2026-01-01");
        for (int i = 0; i < INSTITUTIONS; i++) {
            String id = "inst-" + i;
            institutions.add(new Institution(id, "机构" + i, "320000", "government", 1000.0, 50));
            meters.add(new Meter(id + "-main", id, MeterType.ELECTRICITY, MeterRole.MAIN, null, null, 900,
                    commissioned, null));
            meters.add(new Meter(id + "-water", id, MeterType.WATER, null, null, null, 3600, commissioned, null));
        }
        for (int d = 0; d < DATA_CENTRES; d++) {
            String inst = "inst-" + d;
            meters.add(new Meter("dc-" + d + "-it", inst, MeterType.ELECTRICITY, MeterRole.SUB, SubItem.fromCode(
                    "01D10").orElseThrow(), null, 900, commissioned, null));
            meters.add(new Meter("dc-" + d + "-total", inst, MeterType.ELECTRICITY, MeterRole.SUB, SubItem.fromCode(
                    "01D00").orElseThrow(), null, 900, commissioned, null));
            centres.add(new DataCenter("dc-" + d, inst, "dc-" + d + "-it", "dc-" + d + "-total"));
        }
        return Registry.of(new RegistryDocument(regions, institutions, meters, null, centres, null, null, null));
    }

    /** Every tenth institution or so receives half of its main meter's readings per day. */
    private static boolean gappy(String institution) {
        return Math.floorMod(institution.hashCode(), 10) == 0;
    }

    /** Energy from memory: 20 kW by day and 12 kW by night; DC totals 1.6 × IT; some days half reported. */
    private static final class SyntheticEnergy implements MeterEnergySource {
        @Override
        public Map<String, MeterSeries> series(List<Meter> meters, BucketGrid grid) {
            Map<String, MeterSeries> out = new HashMap<>();
            for (Meter m : meters) {
                double[] kwh = new double[grid.size()];
                int[] received = new int[grid.size()];
                for (int i = 0; i < grid.size(); i++) {
                    long lengthMs = grid.endMillis(i) - grid.startMillis(i);
                    int hour = grid.start(i).atZone(ZONE).getHour();
                    double kw = grid.interval() == Interval.HOUR && (hour < 8 || hour >= 18) ? 12 : 20;
                    kwh[i] = kw * lengthMs / 3_600_000.0 * (m.id().endsWith("-total") ? 1.6 : 1);
                    received[i] = (int) (lengthMs / 1000 / m.intervalSeconds());
                    if (gappy(m.institution()) && m.id().endsWith("-main") && grid.interval() == Interval.DAY) {
                        received[i] /= 2;
                    }
                }
                Map<ReadingField, double[]> energy = new EnumMap<>(ReadingField.class);
                energy.put(m.type() == MeterType.WATER ? ReadingField.VOLUME_M3 : ReadingField.ENERGY_KWH, kwh);
                out.put(m.id(), new MeterSeries(m, energy, received, new boolean[grid.size()]));
            }
            return out;
        }
    }

    /** Readings from memory: meters whose id hashes to an odd number went silent five hours ago. */
    private static final class SilentOddMeters implements ReadingReader {
        @Override
        public List<Reading> scan(Collection<String> meterIds, long fromMillis, long toMillis) {
            List<Reading> out = new ArrayList<>();
            for (String id : meterIds) {
                if (!silent(id)) {
                    out.add(Reading.of(id, toMillis - 1, Map.of(ReadingField.ENERGY_KWH, 1.0)));
                }
            }
            return out;
        }

        @Override
        public Map<String, Reading> latestBefore(Collection<String> meterIds, ReadingField register, long tsMillis) {
            Map<String, Reading> out = new HashMap<>();
            for (String id : meterIds) {
                out.put(id, Reading.of(id, tsMillis - 5 * 3_600_000, Map.of(register, 1.0)));
            }
            return out;
        }

        @Override
        public Map<String, Reading> earliestFrom(Collection<String> meterIds, ReadingField register, long tsMillis) {
            return Map.of();
        }

        @Override
        public boolean isReachable() {
            return true;
        }

        static boolean silent(String id) {
            return (id.hashCode() & 1) == 1;
        }
    }

    private RegistryDatabase openH2() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AlertEngineScaleIT.class.getClassLoader());
        try {
            Class.forName("org.h2.Driver", true, AlertEngineScaleIT.class.getClassLoader());
            return RegistryDatabase.open(RegistryDatabase.h2FileUrl(dir), "sa", "", AnalyticsSchema.LOCATIONS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
