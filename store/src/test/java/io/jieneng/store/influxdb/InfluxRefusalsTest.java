package io.jieneng.store.influxdb;

import io.jieneng.store.StoreRefusedException;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which InfluxDB write errors are refusals of the readings, as influxdb-java reports InfluxDB's answers. */
class InfluxRefusalsTest {

    static RuntimeException answer(String error) {
        return InfluxRefusals.classify(InfluxDBException.buildExceptionForErrorState("{\"error\":\"" + error + "\"}"));
    }

    @Test
    void partialWritesAndUnparsableLinesAreRefusals() {
        assertThat(answer("partial write: field type conflict: input field \\\"energyKwh\\\" on measurement "
                + "\\\"readings\\\" is type float, already exists as type string dropped=1"))
                .isInstanceOf(StoreRefusedException.class).hasMessageContaining("field type conflict");
        assertThat(answer("partial write: points beyond retention policy dropped=3"))
                .isInstanceOf(StoreRefusedException.class);
        assertThat(answer("partial write: max-values-per-tag limit exceeded (100000/100000)"))
                .isInstanceOf(StoreRefusedException.class);
        assertThat(answer("unable to parse 'readings energyKwh=': missing field value"))
                .isInstanceOf(StoreRefusedException.class);
    }

    @Test
    void loginsMissingDatabasesServerTroubleAndIoStayTransient() {
        assertThat(answer("authorization failed")).isNotInstanceOf(StoreRefusedException.class);
        assertThat(answer("database not found: \\\"jieneng\\\"")).isNotInstanceOf(StoreRefusedException.class);
        assertThat(answer("timeout")).isNotInstanceOf(StoreRefusedException.class);
        assertThat(InfluxRefusals.classify(new InfluxDBIOException(new IOException("connection refused"))))
                .isNotInstanceOf(StoreRefusedException.class);
    }
}
