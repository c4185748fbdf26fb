package io.jieneng.analytics.registry;

import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.registry.RegistryDocuments;
import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.security.SecretHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12, item 4: two analytics instances on one registry database. An import through one must reach the other's
 * snapshot (what its scope checks and in-process ingest ACL read) within 5 s, through the change stamp poll alone.
 * Each subclass gives a database both instances open with pools of their own.
 */
abstract class RegistryDriftScenario {

    private static final String DOC = """
            {"regions": [{"code": "320000", "name": "江苏省", "level": "province"}],
             "institutions": [{"id": "inst-a", "name": "A", "region": "320000"}],
             "meters": [{"id": "m-1", "institution": "inst-a", "type": "water",
                         "secret": "2c6e0a4f8b1d5937c2e6a0f4b8d1c537"%s}],
             "users": [{"name": "u-1", "role": "institution", "institution": "inst-a", "password": "a-password"%s}]}""";

    private final List<AutoCloseable> open = new ArrayList<>();

    /** A JDBC URL of an empty database that a second pool in this JVM can open too. */
    abstract String freshDatabase() throws Exception;

    abstract String user();

    abstract String password();

    /** One instance: its own pool and store on the shared database. */
    private RegistryStore instance(String url) {
        RegistryDatabase db = RegistryDatabase.open(url, user(), password(), AnalyticsSchema.LOCATIONS);
        open.add(db);
        return db.store(new SecretHasher(4));
    }

    private RegistryWatch watch(RegistryStore store, int pollMs, List<Registry> published) {
        RegistryWatch w = RegistryWatch.start(store, pollMs, published::add);
        open.add(w);
        return w;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static byte[] doc(boolean disabled) {
        String flag = disabled ? ", \"disabled\": true" : "";
        return DOC.formatted(flag, flag).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aChangeImportedThroughOneInstanceReachesTheOtherWithinFiveSeconds() throws Exception {
        String url = freshDatabase();
        RegistryStore a = instance(url);
        RegistryStore b = instance(url);
        a.importDocument(RegistryDocuments.parse(doc(false)));
        List<Registry> seenByB = new CopyOnWriteArrayList<>();
        RegistryWatch watchB = watch(b, 1_000, seenByB);
        assertThat(watchB.snapshot().meter("m-1")).get().extracting(Meter::disabled).isEqualTo(false);
        // Two and a half poll intervals with nothing imported: B must not reload during any of them.
        await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5)).until(seenByB::isEmpty);
        assertThat(seenByB).as("no change, no reload").isEmpty();

        long start = System.nanoTime();
        a.importDocument(RegistryDocuments.parse(doc(true)));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !seenByB.isEmpty());
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(seenByB).as("B reloaded after A's import").hasSize(1);
        assertThat(seconds).isLessThanOrEqualTo(5.0);
        Registry now = seenByB.get(0);
        assertThat(now.meter("m-1")).get().extracting(Meter::disabled).isEqualTo(true);
        assertThat(now.document().users().get(0).disabled()).isTrue();
        assertThat(watchB.snapshot()).isSameAs(now);
    }

    @Test
    void aDeviceHashUpgradeMovesTheStampSoCachesAreDropped() throws Exception {
        String url = freshDatabase();
        RegistryStore a = instance(url);
        a.importDocument(RegistryDocuments.parse(doc(false)));
        List<Registry> seen = new CopyOnWriteArrayList<>();
        watch(instance(url), RegistryWatch.MIN_POLL_MS, seen);

        String hash = a.deviceSecretHash("m-1").orElseThrow();
        assertThat(a.replaceDeviceSecretHash("m-1", hash, new SecretHasher(4).hash("2c6e0a4f8b1d5937c2e6a0f4b8d1c537")))
                .isTrue();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> !seen.isEmpty());
        assertThat(seen).isNotEmpty();
    }

    @Test
    void aPollIntervalThatCouldMissFiveSecondsIsRefusedWithItsKey() throws Exception {
        RegistryStore store = instance(freshDatabase());
        assertThatThrownBy(() -> RegistryWatch.start(store, 5_000, r -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JIENENG_REGISTRY_POLL_MS").hasMessageContaining("5000");
        assertThatThrownBy(() -> RegistryWatch.start(store, 10, r -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
