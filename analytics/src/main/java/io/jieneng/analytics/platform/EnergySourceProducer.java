package io.jieneng.analytics.platform;

import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.energy.RawMeterEnergy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Where meter energy comes from: computed from the raw readings of the configured store. */
public class EnergySourceProducer {

    @Inject
    TimeSeriesStore store;

    @Produces
    @Singleton
    MeterEnergySource meterEnergy() {
        return new RawMeterEnergy(store::reader, Clock.systemUTC());
    }
}
