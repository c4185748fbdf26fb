package io.jieneng.ingest.quarantine;

import io.jieneng.ingest.IngestSchema;
import io.jieneng.ingest.reading.RejectReason;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What the quarantine table must do on every database the registry runs on (H2 and PostgreSQL). */
abstract class QuarantineStoreContract {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00.123456789Z");

    DataSource dataSource;

    /** A fresh, empty database (or schema) of its own for one test. */
    abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void migrate() throws Exception {
        dataSource = freshDatabase();
        Flyway.configure().dataSource(dataSource).locations(IngestSchema.LOCATIONS.toArray(String[]::new)).load()
                .migrate();
    }

    static RejectedMessage message(int i, String device, byte[] payload) {
        return new RejectedMessage(T0.plusSeconds(i), device, device, "meters/" + device + "/readings",
                RejectReason.TS_IN_FUTURE, "$.ts: too late " + i, payload);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void returnsTheNewestFirstOptionallyForOneDevice() throws Exception {
        QuarantineStore store = new QuarantineStore(dataSource, 100);
        for (int i = 0; i < 5; i++) {
            store.add(message(i, i % 2 == 0 ? "m-even" : "m-odd", utf8("{\"i\":" + i + "}")));
        }
        List<QuarantineEntry> all = store.recent(Optional.empty(), 3);
        assertThat(all).extracting(QuarantineEntry::payload).containsExactly("{\"i\":4}", "{\"i\":3}", "{\"i\":2}");
        assertThat(store.recent(Optional.of("m-odd"), 10)).extracting(QuarantineEntry::detail)
                .containsExactly("$.ts: too late 3", "$.ts: too late 1");
        QuarantineEntry newest = all.get(0);
        assertThat(newest.receivedAt()).isEqualTo(Instant.parse("2026-03-01T00:00:04.123Z"));
        assertThat(newest.deviceId()).isEqualTo("m-even");
        assertThat(newest.topic()).isEqualTo("meters/m-even/readings");
        assertThat(newest.reason()).isEqualTo("ts_in_future");
    }

    @Test
    void findsAMetersMessagesSentThroughAGateway() throws Exception {
        QuarantineStore store = new QuarantineStore(dataSource, 100);
        store.add(new RejectedMessage(T0, "gw-1", "gov-water", "meters/gov-water/readings",
                RejectReason.EMPTY, "payload is empty", new byte[0]));
        store.add(new RejectedMessage(T0, "gw-1", null, "elsewhere", RejectReason.TOPIC_NOT_ALLOWED, "no", utf8("x")));
        assertThat(store.recent(Optional.of("gov-water"), 10)).extracting(QuarantineEntry::topic)
                .containsExactly("meters/gov-water/readings");
        assertThat(store.recent(Optional.of("gw-1"), 10)).extracting(QuarantineEntry::meterId)
                .containsExactly(null, "gov-water");
    }

    @Test
    void keepsOnlyTheNewestMaxRows() throws Exception {
        QuarantineStore store = new QuarantineStore(dataSource, 3);
        for (int i = 0; i < 7; i++) {
            store.add(message(i, "m", utf8("p" + i)));
        }
        assertThat(store.recent(Optional.empty(), 100)).extracting(QuarantineEntry::payload)
                .containsExactly("p6", "p5", "p4");
    }

    @Test
    void storesBinaryAndNulPayloadsAsBase64WithoutLosingAByte() throws Exception {
        QuarantineStore store = new QuarantineStore(dataSource, 10);
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, '{', 0};
        byte[] withNul = utf8("{\"ts\":\u0000}");
        store.add(message(0, "m", notUtf8));
        store.add(message(1, "m", withNul));
        store.add(message(2, null, utf8("节能 ok")));
        List<QuarantineEntry> rows = store.recent(Optional.empty(), 10);
        assertThat(rows.get(0).payload()).isEqualTo("节能 ok");
        assertThat(rows.get(0).deviceId()).isNull();
        assertThat(rows.get(1).payload()).startsWith("base64:");
        assertThat(PayloadText.bytes(rows.get(1).payload())).isEqualTo(withNul);
        assertThat(rows.get(2).payload()).isEqualTo("base64://57AA==");
        assertThat(PayloadText.bytes(rows.get(2).payload())).isEqualTo(notUtf8);
    }

    @Test
    void storesNulCharactersOfDeviceTextAsReplacementCharacters() throws Exception {
        QuarantineStore store = new QuarantineStore(dataSource, 10);
        store.add(new RejectedMessage(T0, "m", null, "meters/m\u0000/readings", RejectReason.UNKNOWN_FIELD,
                "$.a\u0000b: not a reading field", utf8("{\"a\\u0000b\":1}")));
        QuarantineEntry row = store.recent(Optional.empty(), 1).get(0);
        assertThat(row.topic()).isEqualTo("meters/m\uFFFD/readings");
        assertThat(row.detail()).isEqualTo("$.a\uFFFDb: not a reading field");
        assertThat(row.payload()).isEqualTo("{\"a\\u0000b\":1}");
    }

    @Test
    void truncatesAHugePayloadAndSaysSo() throws Exception {
        QuarantineStore store = new QuarantineStore(dataSource, 10);
        byte[] huge = new byte[QuarantineStore.MAX_PAYLOAD_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) 'x');
        store.add(message(0, "m", huge));
        QuarantineEntry row = store.recent(Optional.empty(), 1).get(0);
        assertThat(row.payload()).hasSize(QuarantineStore.MAX_PAYLOAD_BYTES);
        assertThat(row.detail()).startsWith("(payload truncated to 700000 of 700010 bytes)");
    }
}
