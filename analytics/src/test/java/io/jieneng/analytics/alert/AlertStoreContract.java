package io.jieneng.analytics.alert;

import io.jieneng.analytics.alert.webhook.Delivery;
import io.jieneng.analytics.alert.webhook.DeliveryStore;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The alert tables of migration V4 as the engine uses them, run on H2 ({@link AlertStoreH2Test}) and on
 * PostgreSQL ({@link AlertStorePostgresIT}).
 */
abstract class AlertStoreContract {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant T0 = Instant.parse("2026-03-10T02:00:00Z");
    static final List<String> URLS = List.of("http://127.0.0.1:1/a", "http://127.0.0.1:1/b");

    private RegistryDatabase db;
    AlertStore alerts;
    DeliveryStore deliveries;

    /** A database with the registry schema migrated, of this test alone. */
    abstract RegistryDatabase freshDatabase() throws Exception;

    /** The same database again, as after a restart. */
    abstract RegistryDatabase reopen() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = freshDatabase();
        alerts = new AlertStore(db.dataSource(), ZONE);
        deliveries = new DeliveryStore(db.dataSource(), ZONE);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Finding gap(String institution, String day, double completeness) {
        return new Finding(new AlertKey(AlertType.DATA_GAP, institution, day), institution, null, completeness, 0.9,
                "ratio", "completeness of " + institution + " on " + day);
    }

    static Reconciler.Plan opens(Finding... findings) {
        return new Reconciler.Plan(List.of(findings), Map.of(), Map.of());
    }

    @Test
    void anOpenedAlertHasTheContractFieldsAndItsHistory() {
        alerts.apply(opens(gap("inst-a", "2026-03-09", 0.5)), T0, List.of());
        List<Alert> all = alerts.list(new AlertFilter(null, null, null, null, id -> true, 10));
        assertThat(all).hasSize(1);
        Alert a = all.get(0);
        assertThat(a.type()).isEqualTo(AlertType.DATA_GAP);
        assertThat(a.institutionId()).isEqualTo("inst-a");
        assertThat(a.meterId()).isNull();
        assertThat(a.severity()).isEqualTo(Severity.WARNING);
        assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(a.openedAt()).isEqualTo("2026-03-10T10:00:00+08:00");
        assertThat(a.resolvedAt()).isNull();
        assertThat(a.value()).isEqualTo(0.5);
        assertThat(a.threshold()).isEqualTo(0.9);
        assertThat(a.period()).isEqualTo("2026-03-09");
        assertThat(alerts.history(a.id())).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("opened");
            assertThat(e.actor()).isEqualTo(AlertStore.ENGINE);
            assertThat(e.value()).isEqualTo(0.5);
        });
    }

    @Test
    void theDatabaseRefusesASecondUnresolvedAlertWithTheSameKey() {
        alerts.apply(opens(gap("inst-a", "2026-03-09", 0.5)), T0, List.of());
        assertThatThrownBy(() -> alerts.apply(opens(gap("inst-a", "2026-03-09", 0.4)), T0, List.of()))
                .isInstanceOf(StoreException.class);
        assertThat(alerts.unresolved()).hasSize(1);
    }

    @Test
    void resolvingFreesTheKeyAndAReopeningTypeComesBackAsTheSameAlert() {
        Finding warning = new Finding(new AlertKey(AlertType.QUOTA_WARNING, "inst-a/totalKgce", "2026"), "inst-a",
                null, 950.0, 900.0, "kgce", "warning");
        alerts.apply(opens(warning, gap("inst-a", "2026-03-09", 0.5)), T0, List.of());
        Map<AlertKey, Long> ids = new java.util.HashMap<>();
        alerts.unresolved().forEach(a -> ids.put(a.key(), a.id()));
        long warningId = ids.get(warning.key());
        long gapId = ids.get(new AlertKey(AlertType.DATA_GAP, "inst-a", "2026-03-09"));
        Instant t1 = T0.plusSeconds(3600);
        alerts.apply(new Reconciler.Plan(List.of(), Map.of(), Map.of(warningId, new Clearance(1100.0,
                "the status is now at_risk"), gapId, new Clearance(0.95, "now 95 %"))), t1, List.of());
        assertThat(alerts.unresolved()).isEmpty();
        Alert resolved = alerts.find(warningId).orElseThrow();
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo("2026-03-10T11:00:00+08:00");

        assertThat(alerts.latestResolved(Set.of(warning.key()))).containsEntry(warning.key(), warningId);
        Instant t2 = T0.plusSeconds(7200);
        alerts.apply(new Reconciler.Plan(List.of(gap("inst-a", "2026-03-09", 0.3)), Map.of(warningId, warning),
                Map.of()), t2, List.of());
        Alert reopened = alerts.find(warningId).orElseThrow();
        assertThat(reopened.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.openedAt()).isEqualTo("2026-03-10T12:00:00+08:00");
        assertThat(alerts.history(warningId)).extracting(AlertEvent::kind)
                .containsExactly("opened", "resolved", "reopened");
        assertThat(alerts.history(warningId).get(1).note()).isEqualTo("the status is now at_risk");
        assertThat(alerts.unresolved()).hasSize(2).extracting(Reconciler.ActiveAlert::id).contains(warningId)
                .doesNotContain(gapId);
    }

    @Test
    void acknowledgingKeepsTheAlertUnresolvedAndIsRecordedOnce() {
        alerts.apply(opens(gap("inst-a", "2026-03-09", 0.5)), T0, List.of());
        long id = alerts.unresolved().get(0).id();
        Alert acked = alerts.acknowledge(id, "office-user", T0.plusSeconds(60), List.of()).orElseThrow();
        assertThat(acked.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo("office-user");
        assertThat(alerts.acknowledge(id, "someone-else", T0.plusSeconds(120), List.of()).orElseThrow()
                .acknowledgedBy()).isEqualTo("office-user");
        assertThat(alerts.unresolved()).hasSize(1);
        assertThat(alerts.history(id)).extracting(AlertEvent::kind).containsExactly("opened", "acknowledged");
        assertThat(alerts.acknowledge(id + 1000, "x", T0, List.of())).isEmpty();
    }

    @Test
    void listingFiltersAndKeepsOnlyWhatTheCallerMaySee() {
        alerts.apply(opens(gap("inst-a", "2026-03-08", 0.5), gap("inst-a", "2026-03-09", 0.5),
                gap("inst-b", "2026-03-09", 0.5)), T0, List.of());
        assertThat(alerts.list(new AlertFilter(null, null, null, null, "inst-b"::equals, 100)))
                .extracting(Alert::institutionId).containsExactly("inst-b");
        assertThat(alerts.list(new AlertFilter(AlertStatus.OPEN, AlertType.DATA_GAP, "inst-a", null, id -> true, 100)))
                .extracting(Alert::period).containsExactly("2026-03-09", "2026-03-08");
        assertThat(alerts.list(new AlertFilter(AlertStatus.RESOLVED, null, null, null, id -> true, 100))).isEmpty();
        assertThat(alerts.list(new AlertFilter(null, AlertType.METER_OFFLINE, null, null, id -> true, 100))).isEmpty();
        assertThat(alerts.list(new AlertFilter(null, null, null, null, id -> true, 2))).hasSize(2);
        assertThat(alerts.countUnresolved()).containsEntry(AlertType.DATA_GAP, 3L)
                .containsEntry(AlertType.METER_OFFLINE, 0L);
    }

    @Test
    void everyChangeQueuesOneDeliveryPerUrlInTheSameTransaction() {
        alerts.apply(opens(gap("inst-a", "2026-03-09", 0.5)), T0, URLS);
        long id = alerts.unresolved().get(0).id();
        alerts.acknowledge(id, "office-user", T0.plusSeconds(60), URLS);
        List<Delivery> log = deliveries.ofAlert(id);
        assertThat(log).hasSize(4).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo("pending");
            assertThat(d.attempts()).isZero();
        });
        assertThat(log).extracting(Delivery::event).containsExactly("opened", "opened", "acknowledged",
                "acknowledged");
        assertThat(log).extracting(Delivery::url).containsExactly("http://127.0.0.1:1/a", "http://127.0.0.1:1/b",
                "http://127.0.0.1:1/a", "http://127.0.0.1:1/b");
        assertThat(deliveries.count("pending")).isEqualTo(4);
    }

    @Test
    void aClaimedDeliveryIsHeldByItsLeaseAndRetriedWithBackoffUntilItFails() {
        alerts.apply(opens(gap("inst-a", "2026-03-09", 0.5)), T0, List.of("http://127.0.0.1:1/a"));
        List<DeliveryStore.Claimed> first = deliveries.claimDue(T0, Duration.ofSeconds(40), 10);
        assertThat(first).singleElement().satisfies(d -> assertThat(d.payload()).contains("\"event\":\"opened\"",
                "\"type\":\"data_gap\"", "\"institutionId\":\"inst-a\""));
        assertThat(deliveries.claimDue(T0.plusSeconds(39), Duration.ofSeconds(40), 10)).as("leased").isEmpty();
        long id = first.get(0).id();
        deliveries.attemptFailed(id, 1, 503, "HTTP 503", T0.plusSeconds(1), T0.plusSeconds(11));
        assertThat(deliveries.claimDue(T0.plusSeconds(10), Duration.ofSeconds(40), 10)).isEmpty();
        List<DeliveryStore.Claimed> again = deliveries.claimDue(T0.plusSeconds(11), Duration.ofSeconds(40), 10);
        assertThat(again).singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
        deliveries.attemptFailed(id, 2, null, "ConnectException: refused", T0.plusSeconds(12), null);
        Delivery failed = deliveries.byId(id).get(0);
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastStatus()).isNull();
        assertThat(failed.lastError()).isEqualTo("ConnectException: refused");
        assertThat(failed.nextAttemptAt()).isNull();
        assertThat(deliveries.claimDue(T0.plusSeconds(100_000), Duration.ofSeconds(40), 10)).isEmpty();

        assertThat(deliveries.retry(id, T0.plusSeconds(200))).isTrue();
        assertThat(deliveries.retry(id, T0.plusSeconds(200))).as("only a failed delivery").isFalse();
        assertThat(deliveries.claimDue(T0.plusSeconds(200), Duration.ofSeconds(40), 10)).singleElement()
                .satisfies(d -> assertThat(d.attempts()).isZero());
        deliveries.delivered(id, 1, 204, T0.plusSeconds(201));
        assertThat(deliveries.byId(id).get(0)).satisfies(d -> {
            assertThat(d.state()).isEqualTo("delivered");
            assertThat(d.deliveredAt()).isEqualTo("2026-03-10T10:03:21+08:00");
            assertThat(d.lastError()).isNull();
        });
    }

    @Test
    void twoSendersNeverClaimTheSameDelivery() throws Exception {
        List<Finding> many = new ArrayList<>();
        for (int d = 1; d <= 20; d++) {
            many.add(gap("inst-a", String.format("2026-02-%02d", d), 0.5));
        }
        alerts.apply(new Reconciler.Plan(many, Map.of(), Map.of()), T0, URLS);
        List<Long> a = deliveries.claimDue(T0, Duration.ofSeconds(40), 25).stream()
                .map(DeliveryStore.Claimed::id).toList();
        List<Long> b = deliveries.claimDue(T0, Duration.ofSeconds(40), 25).stream()
                .map(DeliveryStore.Claimed::id).toList();
        assertThat(a).hasSize(25).doesNotContainAnyElementsOf(b);
        assertThat(b).hasSize(15);
    }

    @Test
    void onlyOneEngineRunsAtATime() throws Exception {
        EngineLock lock = new EngineLock(db.dataSource());
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Object> other = new AtomicReference<>();
        Thread first = new Thread(() -> lock.underEngineLock(T0, T0, () -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "first";
        }));
        first.start();
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        other.set(lock.underEngineLock(T0, T0, () -> "second"));
        release.countDown();
        first.join(30_000);
        assertThat(other.get()).isEqualTo(java.util.Optional.empty());
        assertThat(lock.underEngineLock(T0, T0, () -> "third")).contains("third");
    }

    @Test
    void pendingDeliveriesSurviveARestart() throws Exception {
        alerts.apply(opens(gap("inst-a", "2026-03-09", 0.5)), T0, List.of("http://127.0.0.1:1/a"));
        db.close();
        db = reopen();
        deliveries = new DeliveryStore(db.dataSource(), ZONE);
        assertThat(deliveries.claimDue(T0, Duration.ofSeconds(40), 10)).singleElement()
                .satisfies(d -> assertThat(d.payload()).contains("inst-a"));
    }
}
