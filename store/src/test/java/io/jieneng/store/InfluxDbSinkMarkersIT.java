package io.jieneng.store;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** Arrival markers in the real InfluxDB at {@code JIENENG_TEST_INFLUX_URL}, in a database of this class's own. */
class InfluxDbSinkMarkersIT extends SinkMarkersContract {

    static String url;
    static String database;
    static InfluxDB influx;

    @BeforeAll
    static void start() {
        url = System.getenv("JIENENG_TEST_INFLUX_URL");
        if (url == null || url.isBlank()) {
            fail("JIENENG_TEST_INFLUX_URL is not set: run the integration tests with ./jieneng test, which starts "
                    + "InfluxDB and sets it (e.g. http://127.0.0.1:8086)");
        }
        database = "jieneng_mk_" + UUID.randomUUID().toString().replace("-", "");
        influx = InfluxDBFactory.connect(url);
    }

    @AfterAll
    static void stop() {
        if (influx != null) {
            influx.query(new Query("DROP DATABASE \"" + database + "\""));
            influx.close();
        }
    }

    @Override
    StoreSettings settings() {
        return StoreSettings.influxDb(url, database, null, null);
    }

    @Override
    List<StoredMarker> markers(String meter) {
        QueryResult result = influx.query(new Query("SELECT \"fromTs\", \"toTs\" FROM \"arrivals\" WHERE "
                + "\"meter\" = '" + meter + "'", database), TimeUnit.MILLISECONDS);
        assertThat(result.getError()).isNull();
        List<StoredMarker> out = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            assertThat(r.getError()).isNull();
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                for (List<Object> row : s.getValues()) {
                    // Epoch milliseconds: JSON numbers arrive as doubles, which cannot hold nanosecond times.
                    out.add(new StoredMarker(((Number) row.get(0)).longValue(),
                            ((Number) row.get(1)).longValue(), ((Number) row.get(2)).longValue()));
                }
            }
        }
        return out;
    }
}
