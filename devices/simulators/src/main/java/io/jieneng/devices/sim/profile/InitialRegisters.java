package io.jieneng.devices.sim.profile;

import java.time.LocalDate;
import java.util.function.LongFunction;

/**
 * Register values at commissioning: the meter is taken to have run for 0.5 to 4.5 years already (a meter swapped
 * into an existing installation), at its own mean rate. The mean is sampled over one year at every hour of the
 * 15th of each month.
 */
final class InitialRegisters {

    private static final long INITIAL_STREAM = Noise.stream("meter/initial-years");
    private static final int SAMPLE_YEAR = 2025;

    private InitialRegisters() {
    }

    static double[] of(LongFunction<MeterRates> rates, long seed, String meterId) {
        int n = MeterRates.REGISTERS.length;
        double[] mean = new double[n];
        int samples = 0;
        for (int month = 1; month <= 12; month++) {
            long midnight = SiteTime.startOfDayMillis(LocalDate.of(SAMPLE_YEAR, month, 15));
            for (int hour = 0; hour < 24; hour++) {
                MeterRates r = rates.apply(midnight + hour * SiteTime.HOUR_MILLIS);
                for (int i = 0; i < n; i++) {
                    mean[i] += r.registerRatePerHour(i);
                }
                samples++;
            }
        }
        double years = 0.5 + 4.0 * Noise.unit(seed, INITIAL_STREAM ^ Noise.stream(meterId), 0);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean[i] / samples * 8760.0 * years;
        }
        return out;
    }
}
