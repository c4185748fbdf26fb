package io.jieneng.store;

import io.jieneng.devices.registry.Registry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoresTest {

    private static final StoreSettings QUESTDB = StoreSettings.questDb("http://127.0.0.1:9", "");
    private static final StoreSettings INFLUXDB = StoreSettings.influxDb("http://127.0.0.1:9", "db", null, null);

    @Test
    void influxDbGetsFourWritersAndQuestDbOneUnlessConfigured() {
        try (Store influx = Stores.open(INFLUXDB, Registry::empty); Store questdb = Stores.open(QUESTDB, Registry::empty)) {
            assertThat(Stores.writers(influx, 0)).isEqualTo(4);
            assertThat(Stores.writers(questdb, 0)).isEqualTo(1);
            assertThat(Stores.writers(influx, 2)).isEqualTo(2);
            assertThat(Stores.writers(questdb, 3)).isEqualTo(3);
        }
    }

    @Test
    void everyWriterGetsItsOwnSink() {
        try (Store store = Stores.open(QUESTDB, () -> null)) {
            List<ReadingSink> sinks = Stores.sinks(store, 3);
            try {
                assertThat(sinks).hasSize(3).doesNotHaveDuplicates();
            } finally {
                sinks.forEach(ReadingSink::close);
            }
        }
    }

    @Test
    void theKindPicksTheImplementation() {
        try (Store influx = Stores.open(INFLUXDB, Registry::empty); Store questdb = Stores.open(QUESTDB, Registry::empty)) {
            assertThat(influx.reader().getClass().getPackageName()).isEqualTo("io.jieneng.store.influxdb");
            assertThat(influx.rollups().getClass().getPackageName()).isEqualTo("io.jieneng.store.influxdb");
            assertThat(questdb.reader().getClass().getPackageName()).isEqualTo("io.jieneng.store.questdb");
            assertThat(questdb.rollups().getClass().getPackageName()).isEqualTo("io.jieneng.store.questdb");
        }
    }

    @Test
    void aWritingOnlyQuestDbStoreRefusesQueriesNamingWhatIsMissing() {
        try (Store questdb = Stores.open(QUESTDB, Registry::empty)) {
            assertThatThrownBy(() -> questdb.reader().scan(List.of("m"), 0, 1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("withQuestDbPg");
        }
    }
}
