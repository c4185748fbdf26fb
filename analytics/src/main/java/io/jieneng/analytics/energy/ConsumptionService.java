package io.jieneng.analytics.energy;

import io.jieneng.analytics.carbon.Carbon;
import io.jieneng.analytics.carbon.ComprehensiveEnergy;
import io.jieneng.analytics.carbon.Factor;
import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.platform.TimeSeriesStore;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Institution consumption per bucket (DOMAIN.md §1–§4): reads raw registers, turns them into interval energy
 * with {@link EnergyApportioner}, and converts purchased energy into kgce and CO₂ with the factor table.
 */
@ApplicationScoped
public class ConsumptionService {

    /** Larger ranges are refused: they would be slow and unreadable, and rollups serve them (docs/API.md). */
    public static final int MAX_BUCKETS = 10_000;
    // Beyond 1.5 reporting intervals between two readings, at least one reading is missing: a gap.
    private static final double GAP_FACTOR = 1.5;
    private static final long MIN_MARGIN_MILLIS = 3_600_000;

    @Inject
    TimeSeriesStore store;

    @Inject
    RegistryService registry;

    @Inject
    FactorTable factors;

    @Inject
    JienengConfig config;

    Clock clock = Clock.systemUTC();

    public ConsumptionReport consumption(Institution institution, TimeRange range, Interval interval) {
        ZoneId zone = config.timezone();
        long count = BucketGrid.countBuckets(range.from(), range.to(), interval, zone);
        if (count > MAX_BUCKETS) {
            throw ApiException.badRequest("range too long", "the range has " + count + " " + interval.jsonName()
                    + " buckets; at most " + MAX_BUCKETS + " are allowed, use a longer interval or a shorter range");
        }
        BucketGrid grid = BucketGrid.of(range.from(), range.to(), interval, zone);
        List<Meter> meters = registry.current().metersOf(institution.id()).stream()
                .filter(Meter::countsTowardTotals).toList();
        Map<String, Map<ReadingField, Quantity>> feeds = new LinkedHashMap<>();
        Map<String, Set<ReadingField>> registers = new LinkedHashMap<>();
        long margin = MIN_MARGIN_MILLIS;
        for (Meter m : meters) {
            Map<ReadingField, Quantity> fed = Quantity.fedBy(m);
            feeds.put(m.id(), fed);
            registers.put(m.id(), fed.keySet());
            margin = Math.max(margin, 2_000L * m.intervalSeconds());
        }
        long now = clock.millis();
        Map<String, List<Reading>> readings = ReadingWindow.fetch(store.reader(), registers,
                grid.from().toEpochMilli(), grid.to().toEpochMilli(), margin, now);

        Accumulator acc = new Accumulator(grid.size());
        for (Meter m : meters) {
            List<Reading> rs = readings.get(m.id());
            long gap = (long) (GAP_FACTOR * m.intervalSeconds() * 1000);
            feeds.get(m.id()).forEach((field, quantity) -> acc.add(quantity,
                    EnergyApportioner.apportion(timestamps(rs, field), values(rs, field), grid, gap)));
            long activeFrom = m.commissioned() == null ? Long.MIN_VALUE
                    : m.commissioned().atStartOfDay(zone).toInstant().toEpochMilli();
            Completeness.accumulate(timestamps(rs, null), grid, activeFrom, now, m.intervalSeconds(),
                    acc.receivedCapped, acc.expected);
        }
        return report(institution, grid, acc);
    }

    private ConsumptionReport report(Institution institution, BucketGrid grid, Accumulator acc) {
        ZoneId zone = grid.zone();
        String region = config.gridRegion();
        List<ConsumptionBucket> buckets = new ArrayList<>(grid.size());
        double[] total = new double[Quantity.values().length];
        double kgce = 0;
        double co2 = 0;
        double capped = 0;
        double expected = 0;
        boolean estimated = false;
        Set<Integer> years = new TreeSet<>();
        for (int i = 0; i < grid.size(); i++) {
            int year = grid.start(i).atZone(zone).getYear();
            years.add(year);
            double[] q = acc.bucket(i);
            double bucketKgce = ComprehensiveEnergy.kgce(q[Quantity.GRID_IMPORT_KWH.ordinal()],
                    q[Quantity.GAS_M3.ordinal()], q[Quantity.HEAT_GJ.ordinal()], factors);
            double bucketCo2 = Carbon.scope1Kg(q[Quantity.GAS_M3.ordinal()], factors)
                    + Carbon.scope2Kg(q[Quantity.GRID_IMPORT_KWH.ordinal()], q[Quantity.HEAT_GJ.ordinal()], factors,
                    region, year);
            buckets.add(bucket(format(grid.start(i), zone), format(grid.end(i), zone), q, bucketKgce, bucketCo2,
                    Completeness.ratio(acc.receivedCapped[i], acc.expected[i]), acc.estimated[i]));
            for (int k = 0; k < total.length; k++) {
                total[k] += q[k];
            }
            kgce += bucketKgce;
            co2 += bucketCo2;
            capped += acc.receivedCapped[i];
            expected += acc.expected[i];
            estimated |= acc.estimated[i];
        }
        ConsumptionBucket sum = bucket(format(grid.from(), zone), format(grid.to(), zone), total, kgce, co2,
                Completeness.ratio(capped, expected), estimated);
        return new ConsumptionReport(institution.id(), grid.interval().jsonName(), zone.getId(),
                format(grid.from(), zone), format(grid.to(), zone), buckets, sum, factors.version(),
                factorsUsed(region, years));
    }

    private List<Factor> factorsUsed(String region, Set<Integer> years) {
        List<Factor> used = new ArrayList<>(List.of(factors.kgcePerKwh(), factors.kgcePerM3Gas(),
                factors.kgcePerGjHeat(), factors.gasCo2PerM3(), factors.heatCo2PerGj()));
        years.stream().map(y -> factors.gridCo2(region, y)).distinct().forEach(used::add);
        return used;
    }

    private static ConsumptionBucket bucket(String start, String end, double[] q, double kgce, double co2,
                                            Double completeness, boolean estimated) {
        double imp = q[Quantity.GRID_IMPORT_KWH.ordinal()];
        double exp = q[Quantity.GRID_EXPORT_KWH.ordinal()];
        double pv = q[Quantity.PV_GENERATION_KWH.ordinal()];
        return new ConsumptionBucket(start, end, imp, exp, pv, imp + pv - exp, q[Quantity.GAS_M3.ordinal()],
                q[Quantity.WATER_M3.ordinal()], q[Quantity.HEAT_GJ.ordinal()], kgce, co2, completeness, estimated);
    }

    private static String format(java.time.Instant t, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).toOffsetDateTime());
    }

    /** Timestamps of the readings that carry {@code field}, or of all readings when it is null. */
    private static long[] timestamps(List<Reading> rs, ReadingField field) {
        return rs.stream().filter(r -> field == null || r.get(field) != null).mapToLong(Reading::tsMillis).toArray();
    }

    private static double[] values(List<Reading> rs, ReadingField field) {
        return rs.stream().map(r -> r.get(field)).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
    }

    /** Per-bucket sums of every quantity, with the completeness terms and the estimated flags. */
    private static final class Accumulator {
        final double[][] perQuantity;
        final boolean[] estimated;
        final double[] receivedCapped;
        final double[] expected;

        Accumulator(int buckets) {
            perQuantity = new double[Quantity.values().length][buckets];
            estimated = new boolean[buckets];
            receivedCapped = new double[buckets];
            expected = new double[buckets];
        }

        void add(Quantity q, RegisterEnergy e) {
            e.addInto(perQuantity[q.ordinal()], estimated);
        }

        double[] bucket(int i) {
            double[] out = new double[perQuantity.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = perQuantity[k][i];
            }
            return out;
        }
    }
}
