package io.jieneng.ingest.testing;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads back what a {@link ResendingPublisher} sent, straight from InfluxDB, and checks it exactly. */
public final class StoreCheck {

    private StoreCheck() {
    }

    /**
     * Asserts that every reading of every acknowledged message of {@code p} is in the store exactly once, with its
     * value, and nothing else is stored for that meter.
     */
    public static void assertExactlyOnce(String influxUrl, String database, ResendingPublisher p) {
        List<long[]> points = points(influxUrl, database, p.meter());
        List<long[]> expected = new ArrayList<>();
        p.acked().stream().sorted().forEach(m -> {
            for (int j = 0; j < p.perMessage(); j++) {
                long k = (long) m * p.perMessage() + j;
                expected.add(new long[]{p.startMillis() + k * 1000, k});
            }
        });
        assertThat(points).as("stored readings of %s", p.meter()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(points.get(i)).as("reading %d of %s", i, p.meter()).containsExactly(expected.get(i));
        }
    }

    /** (time ms, energyKwh) of every stored point of {@code meter}, in time order. */
    public static List<long[]> points(String influxUrl, String database, String meter) {
        try (InfluxDB influx = InfluxDBFactory.connect(influxUrl)) {
            QueryResult r = influx.query(new Query("SELECT \"energyKwh\" FROM \"readings\" WHERE \"meter\" = '"
                    + meter + "'", database), TimeUnit.MILLISECONDS);
            List<long[]> out = new ArrayList<>();
            for (QueryResult.Result result : r.getResults()) {
                assertThat(result.getError()).isNull();
                if (result.getSeries() == null) {
                    continue;
                }
                for (QueryResult.Series s : result.getSeries()) {
                    for (List<Object> row : s.getValues()) {
                        out.add(new long[]{((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue()});
                    }
                }
            }
            out.sort((a, b) -> Long.compare(a[0], b[0]));
            return out;
        }
    }
}
