package io.jieneng.analytics.energy;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.store.ReadingReader;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Irradiation of a PV meter from its raw irradiance readings. Irradiance is an instantaneous value, not an
 * interval energy, so it is not part of {@link MeterEnergySource} (nor of the energy rollups): it is read here,
 * with the readings just outside the range, so that the pairs straddling the range's edges count their in-range
 * part exactly as energy does.
 */
public final class RawIrradiance {

    private static final long MIN_MARGIN_MILLIS = 3_600_000;

    private final Supplier<ReadingReader> store;
    private final Clock clock;

    public RawIrradiance(Supplier<ReadingReader> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The irradiation of {@code meter} per bucket of {@code grid}; {@code pairs == 0} when it reported none. */
    public IrradianceIntegral integrate(Meter meter, BucketGrid grid) {
        long margin = Math.max(MIN_MARGIN_MILLIS, 2_000L * meter.intervalSeconds());
        Map<String, List<Reading>> readings = ReadingWindow.fetch(store.get(),
                Map.of(meter.id(), Set.of(ReadingField.IRRADIANCE_WM2)), grid.fromMillis(), grid.toMillis(), margin,
                clock.millis());
        List<Reading> rs = readings.get(meter.id());
        return IrradianceIntegrator.integrate(RawMeterEnergy.timestamps(rs, ReadingField.IRRADIANCE_WM2),
                RawMeterEnergy.values(rs, ReadingField.IRRADIANCE_WM2), grid,
                RawMeterEnergy.gapThresholdMillis(meter));
    }
}
