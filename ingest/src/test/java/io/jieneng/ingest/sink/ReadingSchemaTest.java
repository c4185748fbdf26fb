package io.jieneng.ingest.sink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadingSchemaTest {

    @Test
    void questDbTableIsDeduplicatedOnTsAndMeter() {
        assertThat(ReadingSchema.questDbCreateTable("it_")).isEqualTo("CREATE TABLE IF NOT EXISTS it_readings "
                + "(meter SYMBOL, energyKwh DOUBLE, exportKwh DOUBLE, volumeM3 DOUBLE, heatGj DOUBLE, powerKw DOUBLE, "
                + "irradianceWm2 DOUBLE, temperatureC DOUBLE, ts TIMESTAMP) TIMESTAMP(ts) PARTITION BY DAY WAL "
                + "DEDUP UPSERT KEYS(ts, meter)");
    }

    @Test
    void arrivalsAreNeverDeduplicatedSoTwoWritersMarkingOneMeterInOneMillisecondBothStay() {
        assertThat(ReadingSchema.questDbCreateArrivals("it_")).isEqualTo("CREATE TABLE IF NOT EXISTS it_arrivals "
                + "(meter SYMBOL, fromTs LONG, toTs LONG, ts TIMESTAMP) TIMESTAMP(ts) PARTITION BY DAY WAL");
    }

    @Test
    void refusesATablePrefixThatCouldInjectSql() {
        assertThatThrownBy(() -> ReadingSchema.questDbTable("x; DROP TABLE y; --"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadingSchema.questDbArrivalsTable("a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAreTheJsonNames() {
        assertThat(ReadingSchema.FIELDS).containsExactly("energyKwh", "exportKwh", "volumeM3", "heatGj", "powerKw",
                "irradianceWm2", "temperatureC");
        assertThat(ReadingSchema.TAGS).containsExactly("meter", "institution", "region", "type", "role", "subitem");
    }
}
