package io.jieneng.devices.registry;

import io.jieneng.devices.security.DeviceSecrets;
import io.jieneng.devices.security.SecretHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.jieneng.devices.registry.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the registry store promises, run against a real database by each subclass (H2, PostgreSQL). Every test
 * gets an empty database of its own.
 */
abstract class RegistryStoreScenarios {

    /** The cheapest bcrypt cost, so that hashing a registry takes milliseconds. */
    static final SecretHasher HASHER = new SecretHasher(4);
    /** How device secrets are hashed. */
    static final DeviceSecrets DEVICES = new DeviceSecrets();

    /** Where an empty database that no other test uses can be reached. */
    record Target(String url, String user, String password) {
    }

    private Target target;
    private RegistryDatabase db;
    RegistryStore store;

    abstract Target freshDatabase() throws Exception;

    @BeforeEach
    void openDatabase() throws Exception {
        target = freshDatabase();
        db = RegistryDatabase.open(target.url(), target.user(), target.password(),
                List.of(RegistryDatabase.MIGRATIONS));
        store = db.store(HASHER);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void importedDemoLoadsBackAndExportsAsTheImportWithoutSecrets() {
        RegistryDocument demo = RegistryDocuments.demo();

        ImportResult result = store.importDocument(demo);

        assertThat(result.sections()).containsExactly(
                Map.entry("regions", new ImportResult.Counts(5, 0, 0)),
                Map.entry("institutions", new ImportResult.Counts(5, 0, 0)),
                Map.entry("meters", new ImportResult.Counts(demo.meters().size(), 0, 0)),
                Map.entry("gateways", new ImportResult.Counts(2, 0, 0)),
                Map.entry("dataCenters", new ImportResult.Counts(1, 0, 0)),
                Map.entry("vehicles", new ImportResult.Counts(demo.vehicles().size(), 0, 0)),
                Map.entry("quotas", new ImportResult.Counts(10, 0, 0)),
                Map.entry("users", new ImportResult.Counts(3, 0, 0)));
        RegistryDocument loaded = store.load().document();
        assertThat(loaded).isEqualTo(Registry.of(demo).document());
        assertThat(RegistryDocuments.toJson(loaded)).isEqualTo(RegistryDocuments.toJson(demo));
    }

    @Test
    void secondIdenticalImportChangesNothing() {
        RegistryDocument demo = RegistryDocuments.demo();
        store.importDocument(demo);
        Map<String, String> hashes = hashes(demo);

        ImportResult again = store.importDocument(demo);

        assertThat(again.unchanged()).isTrue();
        assertThat(again.sections().get("meters")).isEqualTo(new ImportResult.Counts(0, 0, demo.meters().size()));
        assertThat(again.sections().get("users")).isEqualTo(new ImportResult.Counts(0, 0, 3));
        assertThat(hashes(demo)).isEqualTo(hashes);
        assertThat(store.load().document()).isEqualTo(Registry.of(demo).document());
    }

    @Test
    void secretsAreStoredAsFastHashesAndPasswordsAsBcrypt() {
        RegistryDocument demo = RegistryDocuments.demo();
        store.importDocument(demo);

        for (Meter m : demo.meters()) {
            String hash = store.deviceSecretHash(m.id()).orElseThrow();
            assertThat(hash).startsWith("$pbkdf2-sha256$").isNotEqualTo(m.secret()).doesNotContain(m.secret());
            assertThat(DEVICES.verify(m.secret(), hash)).as(m.id()).isTrue();
            assertThat(DEVICES.verify(m.secret() + "x", hash)).isFalse();
        }
        for (Gateway g : demo.gateways()) {
            assertThat(DEVICES.verify(g.secret(), store.deviceSecretHash(g.id()).orElseThrow())).isTrue();
        }
        RegistryStore.StoredUser user = store.user("gov-energy").orElseThrow();
        assertThat(user.user()).isEqualTo(new ApiUser("gov-energy", UserRole.INSTITUTION, "js-gov-office", null,
                null));
        assertThat(user.passwordHash()).startsWith("$2").isNotEqualTo("demo-gov-energy");
        assertThat(HASHER.verify("demo-gov-energy", user.passwordHash())).isTrue();
        assertThat(store.user("nanjing").orElseThrow().user().region()).isEqualTo("320100");
        assertThat(store.user("nobody")).isEmpty();
        assertThat(store.deviceSecretHash("no-such-meter")).isEmpty();
        assertThat(store.load().document().meters()).allSatisfy(m -> assertThat(m.secret()).isNull());
    }

    @Test
    void reimportWithoutSecretsKeepsTheHashes() {
        RegistryDocument demo = RegistryDocuments.demo();
        store.importDocument(demo);
        Map<String, String> hashes = hashes(demo);
        RegistryDocument exported = RegistryDocuments.parse(RegistryDocuments.toJson(store.load().document()));

        ImportResult result = store.importDocument(exported);

        assertThat(result.unchanged()).isTrue();
        assertThat(hashes(demo)).isEqualTo(hashes);
        assertThat(DEVICES.verify(demo.meters().get(0).secret(), store.deviceSecretHash(demo.meters().get(0).id())
                .orElseThrow())).isTrue();
    }

    @Test
    void changedSecretIsRehashedAndCountsAsAnUpdate() {
        RegistryDocument demo = RegistryDocuments.demo();
        store.importDocument(demo);
        String before = store.deviceSecretHash("gov-pv-1").orElseThrow();

        ImportResult result = store.importDocument(parse("""
                {"meters": [{"id": "gov-pv-1", "institution": "js-gov-office", "type": "pv", "capacityKwp": 120,
                             "secret": "388390add07bdfb0360b408a4cccd624", "commissioned": "2025-01-01"}],
                 "users": [{"name": "audit-1", "password": "new-password", "role": "auditor"}]}"""));

        assertThat(result.sections().get("meters")).isEqualTo(new ImportResult.Counts(0, 1, 0));
        assertThat(result.sections().get("users")).isEqualTo(new ImportResult.Counts(0, 1, 0));
        String after = store.deviceSecretHash("gov-pv-1").orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(DEVICES.verify("388390add07bdfb0360b408a4cccd624", after)).isTrue();
        assertThat(DEVICES.verify("20b2a6ffde1d723c000a580e0c5eb861", after)).isFalse();
        assertThat(HASHER.verify("new-password", store.user("audit-1").orElseThrow().passwordHash())).isTrue();
    }

    @Test
    void newMeterWithoutSecretIsRefused() {
        store.importDocument(RegistryDocuments.demo());

        assertThatThrownBy(() -> store.importDocument(parse("""
                {"meters": [{"id": "gov-heat", "institution": "js-gov-office", "type": "heat"}]}""")))
                .isInstanceOfSatisfying(RegistryValidationException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("$.meters[0].secret", "a new meter needs a secret")));
        assertThat(store.load().meter("gov-heat")).isEmpty();
    }

    @Test
    void invalidDocumentWritesNothing() {
        RegistryDocument demo = RegistryDocuments.demo();
        store.importDocument(demo);
        RegistryDocument before = store.load().document();
        Map<String, String> hashes = hashes(demo);

        // Valid changes alongside one problem: none of them may be written.
        assertThatThrownBy(() -> store.importDocument(parse("""
                {"institutions": [{"id": "js-gov-office", "name": "改名", "region": "320000", "occupants": 900}],
                 "meters": [{"id": "gov-heat", "institution": "js-gov-office", "type": "heat",
                             "secret": "5d1f9b3e7a0c4862d9f1b5e3a7c0d4f8"},
                            {"id": "gov-e-main", "institution": "js-gov-office", "type": "electricity",
                             "role": "main", "secret": "e6a0c4f8b2d9173e5c1a9f3d7b0e4c82"}],
                 "gateways": [{"id": "gw-1", "meters": ["gov-water"]}],
                 "quotas": [{"institution": "nowhere", "year": 2026, "totalKgce": 1}]}""")))
                .isInstanceOfSatisfying(RegistryValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).containsExactly("$.quotas[0].institution"));

        assertThat(store.load().document()).isEqualTo(before);
        assertThat(hashes(demo)).isEqualTo(hashes);
        assertThat(store.deviceSecretHash("gov-heat")).isEmpty();
    }

    @Test
    void importUpsertsAndKeepsWhatTheDocumentLeavesOut() {
        store.importDocument(RegistryDocuments.demo());

        ImportResult result = store.importDocument(parse("""
                {"regions": [{"code": "320104", "name": "秦淮区", "level": "county", "parent": "320100"}],
                 "institutions": [{"id": "gs-gov-office", "name": "苏州市姑苏区机关事务管理中心", "region": "320508",
                                   "category": "government", "floorAreaM2": 12500, "occupants": 270}],
                 "gateways": [{"id": "gw-1", "meters": ["gov-gas", "gov-water", "gov-pv-1"]}],
                 "quotas": [{"institution": "gs-gov-office", "year": 2027, "kgcePerM2": 21}]}"""));

        assertThat(result.sections().get("regions")).isEqualTo(new ImportResult.Counts(1, 0, 0));
        assertThat(result.sections().get("institutions")).isEqualTo(new ImportResult.Counts(0, 1, 0));
        assertThat(result.sections().get("gateways")).isEqualTo(new ImportResult.Counts(0, 1, 0));
        assertThat(result.sections().get("meters")).isEqualTo(new ImportResult.Counts(0, 0, 0));
        Registry r = store.load();
        assertThat(r.institution("gs-gov-office").orElseThrow().floorAreaM2()).isEqualTo(12500.0);
        assertThat(r.institution("js-gov-office")).isPresent();
        assertThat(r.gateway("gw-1").orElseThrow().meters()).containsExactly("gov-gas", "gov-water", "gov-pv-1");
        assertThat(r.gateway("gw-hosp-1").orElseThrow().meters()).containsExactly("hosp-water", "hosp-gas");
        assertThat(r.childrenOf("320100")).extracting(Region::code).containsExactly("320102", "320104");
        assertThat(r.quota("gs-gov-office", 2027).orElseThrow().kgcePerM2()).isEqualTo(21.0);
        assertThat(r.quota("gs-gov-office", 2026)).isPresent();
        assertThat(DEVICES.verify("9d0b914d5011a7c05a2d90015adbe271", store.deviceSecretHash("gw-1").orElseThrow()))
                .isTrue();
        // New entities go after the stored ones, in document order.
        assertThat(r.document().regions()).last().extracting(Region::code).isEqualTo("320104");
    }

    @Test
    void regionsMayReferToParentsLaterInTheDocumentAndMove() {
        store.importDocument(parse("""
                {"regions": [{"code": "320102", "name": "玄武区", "level": "county", "parent": "320100"},
                             {"code": "320100", "name": "南京市", "level": "city", "parent": "320000"},
                             {"code": "320000", "name": "江苏省", "level": "province"},
                             {"code": "320500", "name": "苏州市", "level": "city", "parent": "320000"}]}"""));
        assertThat(store.load().document().regions()).extracting(Region::code)
                .containsExactly("320102", "320100", "320000", "320500");

        ImportResult moved = store.importDocument(parse("""
                {"regions": [{"code": "320102", "name": "玄武区", "level": "county", "parent": "320500"}]}"""));

        assertThat(moved.sections().get("regions")).isEqualTo(new ImportResult.Counts(0, 1, 0));
        assertThat(store.load().isWithin("320102", "320500")).isTrue();
        assertThat(store.load().isWithin("320102", "320100")).isFalse();
    }

    @Test
    void concurrentImportsAreSerialized() throws Exception {
        int imports = 4;
        ExecutorService pool = Executors.newFixedThreadPool(imports);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ImportResult>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < imports; i++) {
                // Every document creates the same region, institution and user, plus meters of its own.
                RegistryDocument doc = parse("""
                        {"regions": [{"code": "320000", "name": "江苏省", "level": "province"}],
                         "institutions": [{"id": "shared", "name": "共享", "region": "320000"}],
                         "meters": [{"id": "m-%1$d-a", "institution": "shared", "type": "water", "secret": "a%1$d3f9a1c7e5b2d8046f1e3a5c7b9d2e4f"},
                                    {"id": "m-%1$d-b", "institution": "shared", "type": "gas", "secret": "b%1$d6e2c8a4f0d9b7135e8a2c6f4b0d9e7a"}],
                         "users": [{"name": "shared-user", "password": "same", "role": "auditor"}]}"""
                        .formatted(i));
                Callable<ImportResult> task = () -> {
                    start.await();
                    return store.importDocument(doc);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<ImportResult> results = new ArrayList<>();
            for (Future<ImportResult> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn(r -> r.sections().get("institutions").created() == 1).hasSize(1);
            assertThat(results).filteredOn(r -> r.sections().get("users").created() == 1).hasSize(1);
            assertThat(results).allSatisfy(r -> assertThat(r.sections().get("meters"))
                    .isEqualTo(new ImportResult.Counts(2, 0, 0)));
            assertThat(results).filteredOn(r -> r.sections().get("users").updated() == 1).isEmpty();
            assertThat(store.load().metersOf("shared")).hasSize(2 * imports);
            assertThat(HASHER.verify("same", store.user("shared-user").orElseThrow().passwordHash())).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void generatedDocumentsRoundTripThroughTheDatabase() {
        // Random names (CJK, quotes, characters beyond the BMP) and doubles from tiny to huge must come back equal.
        RegistryDocument merged = RegistryDocument.empty();
        for (long seed = 1; seed <= 5; seed++) {
            RegistryDocument doc = RegistryDocumentPropertiesTest.DocumentGenerator.generate(new Random(seed));
            store.importDocument(doc);
            RegistryDocument loaded = store.load().document();
            assertThat(RegistryDocuments.validate(RegistryDocuments.parse(RegistryDocuments.toJson(loaded)),
                    Registry.of(loaded))).isEmpty();
            for (Meter m : doc.meters()) {
                assertThat(store.load().meter(m.id())).contains(m.withoutSecret());
            }
            assertThat(loaded.quotas()).containsAll(doc.quotas());
            assertThat(loaded.institutions()).containsAll(doc.institutions());
            assertThat(store.importDocument(doc).unchanged()).isTrue();
        }
    }

    @Test
    void reopeningTheDatabaseKeepsTheRegistry() {
        store.importDocument(RegistryDocuments.demo());
        db.close();

        db = RegistryDatabase.open(target.url(), target.user(), target.password(),
                List.of(RegistryDatabase.MIGRATIONS));
        store = db.store(HASHER);

        assertThat(store.load().document()).isEqualTo(Registry.of(RegistryDocuments.demo()).document());
        assertThat(store.importDocument(RegistryDocuments.demo()).unchanged()).isTrue();
    }

    /** Every stored hash of the document's devices and users. */
    private Map<String, String> hashes(RegistryDocument doc) {
        Map<String, String> out = new LinkedHashMap<>();
        doc.meters().forEach(m -> out.put(m.id(), store.deviceSecretHash(m.id()).orElseThrow()));
        doc.gateways().forEach(g -> out.put(g.id(), store.deviceSecretHash(g.id()).orElseThrow()));
        doc.users().forEach(u -> out.put("user:" + u.name(), store.user(u.name()).orElseThrow().passwordHash()));
        return out;
    }
}
