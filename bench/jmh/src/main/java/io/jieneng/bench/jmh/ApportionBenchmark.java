package io.jieneng.bench.jmh;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.EnergyApportioner;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.analytics.energy.RegisterEnergy;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Meter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Energy apportioning (docs/DOMAIN.md §1) of one meter's year of 15-minute readings, 2025 in Asia/Shanghai, over hour
 * (8,760 buckets), day (365) and month (12) grids. The readings run from one hour before the year to one hour after
 * it, as {@code RawMeterEnergy.series} fetches them (a margin on both sides), so the edge pairs are split too.
 * <ul>
 *   <li>{@link #apportion}: {@link EnergyApportioner#apportion} of one register from its arrays (35,049 readings);
 *       this is the arithmetic alone.</li>
 *   <li>{@link #compute}: {@link RawMeterEnergy#compute} from the {@code Reading} list: both registers of an
 *       electricity main meter (import and export), the arrays built from the list, and completeness; this is
 *       what the raw path and the rollup job run per meter.</li>
 * </ul>
 * Score: time per meter-year. Fifty meters (the consumption benchmark's institution) cost 50 times that.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApportionBenchmark {

    @Param({"HOUR", "DAY", "MONTH"})
    public Interval interval;

    private Meter meter;
    private List<Reading> readings;
    private long[] ts;
    private double[] energyKwh;
    private BucketGrid grid;
    private long gapThresholdMillis;

    @Setup
    public void setUp() {
        meter = Fixtures.benchMeter(Fixtures.benchRegistry(10));
        long margin = 3_600_000;
        int count = (int) ((Fixtures.YEAR_END_MILLIS - Fixtures.YEAR_START_MILLIS + 2 * margin)
                / Fixtures.QUARTER_HOUR_MILLIS) + 1;
        readings = Fixtures.readings(meter.id(), Fixtures.YEAR_START_MILLIS - margin, Fixtures.QUARTER_HOUR_MILLIS,
                count, 7);
        ts = readings.stream().mapToLong(Reading::tsMillis).toArray();
        energyKwh = readings.stream().mapToDouble(Reading::energyKwh).toArray();
        grid = BucketGrid.of(Instant.ofEpochMilli(Fixtures.YEAR_START_MILLIS),
                Instant.ofEpochMilli(Fixtures.YEAR_END_MILLIS), interval, Fixtures.ZONE);
        gapThresholdMillis = RawMeterEnergy.gapThresholdMillis(meter);
        checkTotal();
    }

    // A year spread over any grid sums to the register's growth over the year: otherwise the fixture is wrong.
    private void checkTotal() {
        double first = valueAt(Fixtures.YEAR_START_MILLIS);
        double last = valueAt(Fixtures.YEAR_END_MILLIS);
        double total = apportion().total();
        if (Math.abs(total - (last - first)) > 1e-9 * (last - first)) {
            throw new IllegalStateException("apportioned " + total + " kWh, the register grew by " + (last - first));
        }
    }

    private double valueAt(long tsMillis) {
        return readings.stream().filter(r -> r.tsMillis() == tsMillis).findFirst().orElseThrow().energyKwh();
    }

    @Benchmark
    public RegisterEnergy apportion() {
        return EnergyApportioner.apportion(ts, energyKwh, grid, gapThresholdMillis);
    }

    @Benchmark
    public MeterSeries compute() {
        return RawMeterEnergy.compute(meter, readings, grid);
    }
}
