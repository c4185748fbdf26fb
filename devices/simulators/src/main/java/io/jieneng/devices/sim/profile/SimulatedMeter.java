package io.jieneng.devices.sim.profile;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated meter: its registers as a pure function of time ({@link RegisterCurve}) and the readings it would
 * send. Readings carry only the fields {@link MeterType#allowedFields} permits, and none before the meter's
 * commissioning day. Not thread-safe: give each meter to one thread.
 */
public final class SimulatedMeter {

    /** Where the history of a meter without a {@code commissioned} date starts. */
    public static final LocalDate DEFAULT_HISTORY_START = LocalDate.of(2024, 1, 1);

    private final Meter meter;
    private final Channel channel;
    private final InstitutionSite site;
    private final double share;
    private final Set<ReadingField> fields;
    private final RegisterCurve registers;

    SimulatedMeter(Meter meter, Channel channel, InstitutionSite site, double share, long seed) {
        this.meter = meter;
        this.channel = channel;
        this.site = site;
        this.share = share;
        this.fields = emittedFields(meter);
        LocalDate start = meter.commissioned() != null ? meter.commissioned() : DEFAULT_HISTORY_START;
        this.registers = new RegisterCurve(this::ratesAt, start.toEpochDay(),
                InitialRegisters.of(this::ratesAt, seed, meter.id()));
    }

    /**
     * The fields a meter sends: those its type allows, except a PV module's temperature, which this profile does
     * not model well enough to publish (it would be the air temperature at night, often below zero in winter).
     */
    static Set<ReadingField> emittedFields(Meter meter) {
        Set<ReadingField> allowed = EnumSet.copyOf(meter.type().allowedFields(meter.role()));
        if (meter.type() == MeterType.PV) {
            allowed.remove(ReadingField.TEMPERATURE_C);
        }
        return Collections.unmodifiableSet(allowed);
    }

    public Meter meter() {
        return meter;
    }

    public String meterId() {
        return meter.id();
    }

    public Channel channel() {
        return channel;
    }

    public InstitutionSite site() {
        return site;
    }

    /** The fields every reading of this meter carries. */
    public Set<ReadingField> fields() {
        return fields;
    }

    /** The reporting interval, ms. */
    public long intervalMillis() {
        int seconds = meter.intervalSeconds() > 0 ? meter.intervalSeconds() : Meter.DEFAULT_INTERVAL_SECONDS;
        return seconds * 1000L;
    }

    /** Local midnight of the commissioning day (or of {@link #DEFAULT_HISTORY_START}): no reading is earlier. */
    public long firstReadingMillis() {
        return registers.anchorMillis();
    }

    /** What the meter sees at an instant. */
    public MeterRates ratesAt(long epochMillis) {
        return site.rates(channel, share, epochMillis);
    }

    /**
     * The reading at {@code epochMillis}, with registers rounded to 0.001 (heat to 1e-6 GJ) and instantaneous
     * values to 0.001 kW, 0.1 W/m² and 0.1 °C. Rounding is monotonic, so rounded registers never decrease either.
     *
     * @throws IllegalArgumentException when {@code epochMillis} is before {@link #firstReadingMillis()}
     */
    public Reading readingAt(long epochMillis) {
        if (epochMillis < firstReadingMillis()) {
            throw new IllegalArgumentException("meter " + meter.id() + " was not commissioned at " + epochMillis);
        }
        double[] values = registers.valuesAt(epochMillis);
        MeterRates now = ratesAt(epochMillis);
        Map<ReadingField, Double> out = new EnumMap<>(ReadingField.class);
        for (int i = 0; i < MeterRates.REGISTERS.length; i++) {
            ReadingField f = MeterRates.REGISTERS[i];
            if (fields.contains(f)) {
                out.put(f, round(values[i], f == ReadingField.HEAT_GJ ? 1e6 : 1e3));
            }
        }
        putInstantaneous(out, ReadingField.POWER_KW, now, 1e3);
        putInstantaneous(out, ReadingField.IRRADIANCE_WM2, now, 10);
        putInstantaneous(out, ReadingField.TEMPERATURE_C, now, 10);
        return Reading.of(meter.id(), epochMillis, out);
    }

    /**
     * The readings on the meter's interval grid (multiples of {@code intervalSeconds} since the epoch) in
     * ({@code fromExclusive}, {@code toInclusive}], never before {@link #firstReadingMillis()}.
     */
    public List<Reading> readings(long fromExclusive, long toInclusive) {
        BackfillWindow window = BackfillWindow.of(fromExclusive, toInclusive, intervalMillis(), firstReadingMillis());
        List<Reading> out = new ArrayList<>(window.count());
        for (long ts = window.firstMillis(); ts <= window.lastMillis(); ts += window.stepMillis()) {
            out.add(readingAt(ts));
        }
        return out;
    }

    private void putInstantaneous(Map<ReadingField, Double> out, ReadingField f, MeterRates now, double scale) {
        if (fields.contains(f)) {
            out.put(f, round(now.instantaneous(f), scale));
        }
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
