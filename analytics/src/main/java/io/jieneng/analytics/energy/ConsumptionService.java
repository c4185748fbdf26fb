package io.jieneng.analytics.energy;

import io.jieneng.analytics.carbon.Carbon;
import io.jieneng.analytics.carbon.ComprehensiveEnergy;
import io.jieneng.analytics.carbon.Factor;
import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Institution consumption per bucket (docs/DOMAIN.md §1–§4): sums the interval energy of the institution's counting
 * meters into its quantities, and converts purchased energy into kgce and CO₂ with the factor table.
 */
@ApplicationScoped
public class ConsumptionService {

    /** Larger ranges are refused: they would be slow and unreadable, and rollups serve them (docs/API.md). */
    public static final int MAX_BUCKETS = 10_000;

    @Inject
    MeterEnergySource energy;

    @Inject
    RegistryService registry;

    @Inject
    FactorTable factors;

    @Inject
    JienengConfig config;

    Clock clock = Clock.systemUTC();

    /** The grid of {@code range} by {@code interval}, refusing ranges of more than {@link #MAX_BUCKETS} buckets. */
    public BucketGrid grid(TimeRange range, Interval interval) {
        ZoneId zone = config.timezone();
        long count = BucketGrid.countBuckets(range.from(), range.to(), interval, zone);
        if (count > MAX_BUCKETS) {
            throw ApiException.badRequest("range too long", "the range has " + count + " " + interval.jsonName()
                    + " buckets; at most " + MAX_BUCKETS + " are allowed, use a longer interval or a shorter range");
        }
        return BucketGrid.of(range.from(), range.to(), interval, zone);
    }

    public ConsumptionReport consumption(Institution institution, TimeRange range, Interval interval) {
        BucketGrid grid = grid(range, interval);
        List<Meter> meters = registry.current().metersOf(institution.id()).stream()
                .filter(Meter::countsTowardTotals).toList();
        Map<String, MeterSeries> series = energy.series(meters, grid);
        long now = clock.millis();
        Accumulator acc = new Accumulator(grid.size());
        for (Meter m : meters) {
            MeterSeries s = series.get(m.id());
            Quantity.fedBy(m).forEach((register, quantity) -> acc.add(quantity, s.energy(register)));
            for (int i = 0; i < grid.size(); i++) {
                acc.estimated[i] |= s.estimated()[i];
            }
            long activeFrom = m.commissioned() == null ? Long.MIN_VALUE
                    : m.commissioned().atStartOfDay(grid.zone()).toInstant().toEpochMilli();
            Completeness.accumulate(s.received(), grid, activeFrom, now, m.intervalSeconds(), acc.receivedCapped,
                    acc.expected);
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

        void add(Quantity q, double[] perBucket) {
            double[] target = perQuantity[q.ordinal()];
            for (int i = 0; i < target.length; i++) {
                target[i] += perBucket[i];
            }
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
