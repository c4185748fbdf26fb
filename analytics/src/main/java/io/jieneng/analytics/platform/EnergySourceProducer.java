package io.jieneng.analytics.platform;

import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.analytics.rollup.RollupService;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Where meter energy comes from: the rollups merged with the raw readings of what is not rolled up yet
 * (docs/ROLLUPS.md), or, with {@code JIENENG_ROLLUPS_ENABLED=false}, the raw readings alone. Both give the same
 * answers; the rollups only make them cheaper.
 */
public class EnergySourceProducer {

    @Inject
    TimeSeriesStore store;

    @Inject
    JienengConfig config;

    @Inject
    RollupService rollups;

    @Produces
    @Singleton
    MeterEnergySource meterEnergy() {
        RawMeterEnergy raw = new RawMeterEnergy(store::reader, Clock.systemUTC());
        return config.rollupsEnabled() ? rollups.energySource(raw) : raw;
    }
}
