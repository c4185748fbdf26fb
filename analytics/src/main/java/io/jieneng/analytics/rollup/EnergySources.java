package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.energy.RawMeterEnergy;
import io.jieneng.analytics.node.TimeSeriesStore;
import io.jieneng.analytics.platform.JienengConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The {@link MeterEnergySource} every figure of the API is computed with. It is always a {@link RollupMeterEnergy}
 * over the raw computation, and {@link RollupMeterEnergy#route} is the one place that decides, per query, whether
 * the rollups merged with the not yet rolled-up readings (docs/ROLLUPS.md) or the raw readings alone answer: with
 * {@code JIENENG_ROLLUPS_ENABLED=false} always the raw readings. Both give the same answers; the rollups only make
 * them cheaper.
 */
public class EnergySources {

    @Inject
    TimeSeriesStore store;

    @Inject
    JienengConfig config;

    @Inject
    RollupService rollups;

    @Produces
    @Singleton
    MeterEnergySource meterEnergy() {
        return rollups.energySource(new RawMeterEnergy(store::reader, Clock.systemUTC()), config.rollupsEnabled());
    }
}
