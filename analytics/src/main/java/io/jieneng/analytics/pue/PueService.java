package io.jieneng.analytics.pue;

import io.jieneng.analytics.energy.MeterTotals;
import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.ZoneId;
import java.util.List;

/** The PUE of a data centre over a range, from the energy of its IT and facility meters. */
@ApplicationScoped
public class PueService {

    @Inject
    MeterTotals meterTotals;

    @Inject
    RegistryService registry;

    @Inject
    JienengConfig config;

    public PueReport pue(DataCenter dc, TimeRange range) {
        Registry r = registry.current();
        Meter it = meter(r, dc, dc.itMeter());
        Meter total = meter(r, dc, dc.totalMeter());
        MeterTotals.Totals totals = meterTotals.over(List.of(it, total), range);
        double itKwh = totals.total(it.id(), ReadingField.ENERGY_KWH);
        double totalKwh = totals.total(total.id(), ReadingField.ENERGY_KWH);
        Double pue = Pue.of(itKwh, totalKwh);
        ZoneId zone = config.timezone();
        return new PueReport(dc.id(), itKwh, totalKwh, pue, Pue.grade(pue), dc.institution(),
                TimeRange.iso(range.from(), zone), TimeRange.iso(range.to(), zone), totals.completeness(), totals.estimated());
    }

    private static Meter meter(Registry r, DataCenter dc, String id) {
        // Registry validation keeps data-centre meters in place; a miss here is a broken registry, not a bad request.
        return r.meter(id).orElseThrow(() -> new IllegalStateException("data centre " + dc.id()
                + " names meter " + id + ", which the registry does not have"));
    }
}
