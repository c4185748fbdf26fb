package io.jieneng.store.influxdb;

import io.jieneng.store.Arrival;
import io.jieneng.store.ReadingSchema;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InfluxMarkersTest {

    @Test
    void markersOfOneMillisecondGetIncreasingTimesWithinThatMillisecond() {
        InfluxMarkers markers = new InfluxMarkers("w1");
        List<Long> first = times(markers.points("db", List.of(new Arrival("a", 1, 2), new Arrival("b", 3, 4)), 7));
        List<Long> second = times(markers.points("db", List.of(new Arrival("a", 5, 6)), 7));
        assertThat(first).containsExactly(7_000_000L, 7_000_001L);
        assertThat(second).containsExactly(7_000_002L);
    }

    @Test
    void aLaterMillisecondStartsAtItsOwnFirstNanosecond() {
        InfluxMarkers markers = new InfluxMarkers("w1");
        markers.points("db", List.of(new Arrival("a", 1, 2)), 7);
        assertThat(times(markers.points("db", List.of(new Arrival("a", 1, 2)), 9))).containsExactly(9_000_000L);
    }

    @Test
    void everyMarkerCarriesTheWriterTagAndItsRange() {
        Point p = new InfluxMarkers("ingest-ab").points("db", List.of(new Arrival("m-1", 10, 20)), 30)
                .getPoints().get(0);
        assertThat(p.lineProtocol()).isEqualTo("arrivals,writer=ingest-ab fromTs=10i,meter=\"m-1\",toTs=20i "
                + "30000000");
    }

    @Test
    void writerIdsDiffer() {
        assertThat(InfluxMarkers.newWriterId("x-")).startsWith("x-").hasSize(10)
                .isNotEqualTo(InfluxMarkers.newWriterId("x-"));
    }

    private static List<Long> times(BatchPoints batch) {
        // Point keeps its time privately; the line protocol ends with it.
        return batch.getPoints().stream().map(p -> {
            String line = p.lineProtocol();
            return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        }).toList();
    }
}
