package io.jieneng.devices.registry;

import io.jieneng.devices.security.SecretHasher;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jieneng.devices.registry.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 on a real database: the disabled flags, the fast device hash and its upgrade from bcrypt, and the
 * change stamp that other processes poll. Runs wherever {@link RegistryStoreScenarios} runs.
 */
abstract class RevocationScenarios extends RegistryStoreScenarios {

    static final String SECRET_1 = "3f9a1c7e5b2d8046f1e3a5c7b9d2e4f6";
    static final String SECRET_2 = "c4e8a2f6b0d3917e5a1c8f2b6d0e4a93";

    private static final String BASE = """
            {"regions": [{"code": "320000", "name": "江苏省", "level": "province"}],
             "institutions": [{"id": "inst-a", "name": "A", "region": "320000"}],
             "meters": [{"id": "m-1", "institution": "inst-a", "type": "water", "secret": "%s"%s}],
             "gateways": [{"id": "gw-1", "meters": ["m-1"], "secret": "%s"%s}],
             "users": [{"name": "u-1", "role": "auditor", "password": "a-long-password"%s}]}""";

    private static RegistryDocument doc(boolean disabled) {
        String flag = disabled ? ", \"disabled\": true" : "";
        return parse(BASE.formatted(SECRET_1, flag, SECRET_2, flag, flag));
    }

    @Test
    void disabledIsStoredLoadedAndExportedAndCanBeLifted() {
        store.importDocument(doc(false));

        ImportResult disable = store.importDocument(doc(true));

        assertThat(disable.sections()).contains(Map.entry("meters", new ImportResult.Counts(0, 1, 0)),
                Map.entry("gateways", new ImportResult.Counts(0, 1, 0)),
                Map.entry("users", new ImportResult.Counts(0, 1, 0)));
        Registry loaded = store.load();
        assertThat(loaded.meter("m-1")).get().extracting(Meter::disabled).isEqualTo(true);
        assertThat(loaded.gateway("gw-1")).get().extracting(Gateway::disabled).isEqualTo(true);
        assertThat(loaded.document().users().get(0).disabled()).isTrue();
        assertThat(store.user("u-1")).get().extracting(u -> u.user().disabled()).isEqualTo(true);
        assertThat(loaded.document()).isEqualTo(Registry.of(doc(true)).document());
        // The stored hash stays: a disabled device keeps its credentials, so lifting the flag restores it.
        assertThat(DEVICES.verify(SECRET_1, store.deviceSecretHash("m-1").orElseThrow())).isTrue();
        RegistryDocument exported = RegistryDocuments.parse(RegistryDocuments.toJson(loaded.document()));
        assertThat(store.importDocument(exported).unchanged()).isTrue();

        store.importDocument(doc(false));
        assertThat(store.load().meter("m-1")).get().extracting(Meter::disabled).isEqualTo(false);
        assertThat(store.user("u-1")).get().extracting(u -> u.user().disabled()).isEqualTo(false);
    }

    @Test
    void deviceSecretsAreStoredWithTheFastHashAndUserPasswordsWithBcrypt() {
        store.importDocument(doc(false));

        assertThat(store.deviceSecretHash("m-1")).get().asString().startsWith("$pbkdf2-sha256$");
        assertThat(store.deviceSecretHash("gw-1")).get().asString().startsWith("$pbkdf2-sha256$");
        assertThat(DEVICES.verify(SECRET_2, store.deviceSecretHash("gw-1").orElseThrow())).isTrue();
        assertThat(store.user("u-1").orElseThrow().passwordHash()).startsWith("$2");
    }

    @Test
    void changeStampMovesOnEveryChangeAndOnlyThen() {
        long empty = store.changeStamp();

        store.importDocument(doc(false));
        long imported = store.changeStamp();
        store.importDocument(doc(false));
        long same = store.changeStamp();
        store.importDocument(doc(true));
        long disabled = store.changeStamp();

        assertThat(imported).isNotEqualTo(empty);
        assertThat(same).as("an import that changes nothing").isEqualTo(imported);
        assertThat(disabled).isNotEqualTo(imported);
    }

    @Test
    void aLegacyBcryptHashIsUpgradedByCompareAndSet() {
        store.importDocument(doc(false));
        String fast = store.deviceSecretHash("m-1").orElseThrow();
        String bcrypt = new SecretHasher(4).hash(SECRET_1);
        // A registry from before the fast hash: put a bcrypt hash in place, through the same compare-and-set.
        assertThat(store.replaceDeviceSecretHash("m-1", fast, bcrypt)).isTrue();
        String legacy = store.deviceSecretHash("m-1").orElseThrow();
        assertThat(DEVICES.verify(SECRET_1, legacy)).isTrue();
        assertThat(DEVICES.needsUpgrade(legacy)).isTrue();
        long before = store.changeStamp();

        String upgraded = DEVICES.hash(SECRET_1);
        assertThat(store.replaceDeviceSecretHash("m-1", "$2b$04$not-the-stored-hash", upgraded)).isFalse();
        assertThat(store.deviceSecretHash("m-1")).contains(legacy);
        assertThat(store.changeStamp()).as("a failed compare-and-set changes nothing").isEqualTo(before);
        assertThat(store.replaceDeviceSecretHash("no-such-device", legacy, upgraded)).isFalse();

        assertThat(store.replaceDeviceSecretHash("m-1", legacy, upgraded)).isTrue();
        assertThat(store.deviceSecretHash("m-1")).contains(upgraded);
        assertThat(DEVICES.needsUpgrade(upgraded)).isFalse();
        assertThat(store.changeStamp()).isNotEqualTo(before);
    }

    @Test
    void reimportingTheSecretReplacesALegacyBcryptHashWithoutVerifyingIt() {
        store.importDocument(doc(false));
        String fast = store.deviceSecretHash("m-1").orElseThrow();
        store.replaceDeviceSecretHash("m-1", fast, new SecretHasher(4).hash(SECRET_1));

        ImportResult again = store.importDocument(doc(false));

        assertThat(again.sections().get("meters")).isEqualTo(new ImportResult.Counts(0, 1, 0));
        String now = store.deviceSecretHash("m-1").orElseThrow();
        assertThat(now).startsWith("$pbkdf2-sha256$");
        assertThat(DEVICES.verify(SECRET_1, now)).isTrue();
        assertThat(store.importDocument(doc(false)).unchanged()).isTrue();
    }
}
