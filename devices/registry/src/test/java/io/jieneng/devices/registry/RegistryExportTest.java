package io.jieneng.devices.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryExportTest {

    @Test
    void exportNeverCarriesSecretsOrPasswords() {
        RegistryDocument demo = RegistryDocuments.demo();
        String json = new String(RegistryDocuments.toJson(demo), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("secret").doesNotContain("password").doesNotContain("demo-");
        assertThat(demo.meters().get(0).secret()).isEqualTo("59bb635cb5cd2cabe65bac343419a0e0");
    }

    @Test
    void exportRoundTripsToTheDocumentWithoutSecrets() {
        RegistryDocument demo = RegistryDocuments.demo();
        RegistryDocument again = RegistryDocuments.parse(RegistryDocuments.toJson(demo));

        assertThat(again).isEqualTo(Registry.of(demo).document());
        assertThat(again.meters()).allSatisfy(m -> assertThat(m.secret()).isNull());
        assertThat(again.users()).allSatisfy(u -> assertThat(u.password()).isNull());
    }

    @Test
    void datesAreIsoStringsAndNullFieldsAreOmitted() throws IOException {
        JsonNode tree = Fixtures.JSON.readTree(RegistryDocuments.toJson(Fixtures.parse(Fixtures.small())));

        assertThat(tree.at("/meters/0/commissioned").textValue()).isEqualTo("2025-01-01");
        assertThat(tree.at("/vehicles/0/acquired").textValue()).isEqualTo("2026-03-01");
        assertThat(tree.at("/regions/0").has("parent")).isFalse();
        assertThat(tree.at("/meters/3").has("role")).isFalse();
        assertThat(tree.at("/meters/3").has("capacityKwp")).isFalse();
        assertThat(tree.at("/meters/3/intervalSeconds").intValue()).isEqualTo(900);
        assertThat(tree.at("/meters/1/subitem").textValue()).isEqualTo("01B00");
        assertThat(tree.at("/meters/0/type").textValue()).isEqualTo("electricity");
        assertThat(tree.at("/quotas/1").has("totalKgce")).isFalse();
        assertThat(tree.at("/users/2").has("institution")).isFalse();
        assertThat(tree.at("/users/2/role").textValue()).isEqualTo("auditor");
        assertThat(tree.at("/meters/0").has("countsTowardTotals")).isFalse();
        assertThat(tree.fieldNames()).toIterable().containsExactly("regions", "institutions", "meters", "gateways",
                "dataCenters", "vehicles", "quotas", "users");
    }

    @Test
    void emptyDocumentExportsEmptySections() {
        assertThat(RegistryDocuments.parse(RegistryDocuments.toJson(RegistryDocument.empty())))
                .isEqualTo(RegistryDocument.empty());
    }
}
