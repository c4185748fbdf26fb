package io.jieneng.store.questdb;

import io.jieneng.store.RollupTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuestDbTablesTest {

    private final QuestDbTables tables = new QuestDbTables("it_");

    @Test
    void questDbTableIsDeduplicatedOnTsAndMeter() {
        assertThat(tables.createReadings()).isEqualTo("CREATE TABLE IF NOT EXISTS it_readings "
                + "(meter SYMBOL, energyKwh DOUBLE, exportKwh DOUBLE, volumeM3 DOUBLE, heatGj DOUBLE, powerKw DOUBLE, "
                + "irradianceWm2 DOUBLE, temperatureC DOUBLE, ts TIMESTAMP) TIMESTAMP(ts) PARTITION BY DAY WAL "
                + "DEDUP UPSERT KEYS(ts, meter)");
    }

    @Test
    void arrivalsAreNeverDeduplicatedSoTwoWritersMarkingOneMeterInOneMillisecondBothStay() {
        assertThat(tables.createArrivals()).isEqualTo("CREATE TABLE IF NOT EXISTS it_arrivals "
                + "(meter SYMBOL, fromTs LONG, toTs LONG, ts TIMESTAMP) TIMESTAMP(ts) PARTITION BY DAY WAL");
    }

    @Test
    void rollupTablesAreChosenByNameAndReplaceARecomputedBucketInPlace() {
        assertThat(tables.rollups(RollupTable.HOURLY)).isEqualTo("it_energy_hourly");
        assertThat(tables.rollups(RollupTable.DAILY)).isEqualTo("it_energy_daily");
        assertThat(tables.createRollups(RollupTable.DAILY)).startsWith("CREATE TABLE IF NOT EXISTS it_energy_daily ")
                .contains("PARTITION BY YEAR WAL DEDUP UPSERT KEYS(ts, meter)");
        assertThat(tables.createRollups(RollupTable.HOURLY)).contains("PARTITION BY MONTH WAL");
    }

    @Test
    void refusesATablePrefixThatCouldInjectSql() {
        assertThatThrownBy(() -> new QuestDbTables("x; DROP TABLE y; --")).isInstanceOf(IllegalArgumentException.class);
    }
}
