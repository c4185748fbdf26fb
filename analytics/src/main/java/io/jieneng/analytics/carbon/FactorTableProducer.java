package io.jieneng.analytics.carbon;

import io.jieneng.analytics.platform.JienengConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Year;

/** The factor table of this deployment: the bundled defaults, or {@code JIENENG_FACTORS_FILE}. */
public class FactorTableProducer {

    @Inject
    JienengConfig config;

    @Produces
    @Singleton
    FactorTable factorTable() {
        FactorTable table = FactorTable.load(config.factorsFile());
        // Fails now, with the region named, rather than on the first carbon query.
        table.gridCo2(config.gridRegion(), Year.now().getValue());
        return table;
    }
}
