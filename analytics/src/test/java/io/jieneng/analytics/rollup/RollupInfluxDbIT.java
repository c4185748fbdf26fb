package io.jieneng.analytics.rollup;

import io.jieneng.devices.reading.Reading;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.Store;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** The rollups on the real InfluxDB at {@code JIENENG_TEST_INFLUX_URL}, in a database of this class's own. */
class RollupInfluxDbIT extends RollupStoreContract {

    private String url;
    private String database;

    @Override
    Store open(MutableClock clock) {
        url = System.getenv("JIENENG_TEST_INFLUX_URL");
        if (url == null || url.isBlank()) {
            fail("JIENENG_TEST_INFLUX_URL is not set: run the integration tests with ./jieneng test, which starts "
                    + "InfluxDB and sets it (e.g. http://127.0.0.1:8086)");
        }
        database = "jieneng_ru_" + UUID.randomUUID().toString().replace("-", "");
        return Stores.open(StoreSettings.influxDb(url, database, null, null), () -> world.registry, clock);
    }

    @Override
    void writeWithoutMarkers(List<Reading> readings) {
        try (InfluxDB influx = InfluxDBFactory.connect(url)) {
            BatchPoints.Builder batch = BatchPoints.database(database).precision(TimeUnit.MILLISECONDS);
            for (Reading r : readings) {
                Point.Builder p = Point.measurement(ReadingSchema.MEASUREMENT).time(r.tsMillis(), TimeUnit.MILLISECONDS)
                        .tag(ReadingSchema.METER, r.meterId());
                r.values().forEach((f, v) -> p.addField(f.jsonName(), v.doubleValue()));
                if (r.values().isEmpty()) {
                    p.addField("powerKw", 0.0);
                }
                batch.point(p.build());
            }
            influx.write(batch.build());
        }
    }

    @Override
    Store anotherStore() {
        return Stores.open(StoreSettings.influxDb(url, database, null, null), () -> world.registry);
    }

    @Override
    void closeStore() {
        try (InfluxDB influx = InfluxDBFactory.connect(url)) {
            influx.query(new Query("DROP DATABASE \"" + database + "\""));
        }
    }
}
