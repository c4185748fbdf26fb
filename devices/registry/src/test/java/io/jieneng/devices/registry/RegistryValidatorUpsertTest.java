package io.jieneng.devices.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jieneng.devices.registry.Fixtures.at;
import static io.jieneng.devices.registry.Fixtures.parse;
import static io.jieneng.devices.registry.Fixtures.problems;
import static io.jieneng.devices.registry.Fixtures.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Validation of a document imported over a stored registry: import is an upsert. */
class RegistryValidatorUpsertTest {

    @Test
    void meterWithTheIdOfAStoredGatewayAndGatewayWithTheIdOfAStoredMeter() {
        RegistryDocument stored = parse(small());
        ObjectNode root = small(r -> {
            at(r, "/meters/8").put("id", "gw-a");
            at(r, "/gateways/0").put("id", "b-heat");
        });
        assertThat(problems(root, stored)).extracting(Problem::path)
                .containsExactly("$.meters[8].id", "$.gateways[0].id");
    }

    @Test
    void storedEntitiesMayOmitTheirSecret() {
        RegistryDocument stored = parse(small());
        ObjectNode root = small(r -> {
            r.withArray("meters").forEach(m -> ((ObjectNode) m).remove("secret"));
            at(r, "/gateways/0").remove("secret");
            r.withArray("users").forEach(u -> ((ObjectNode) u).remove("password"));
        });
        assertThat(problems(root, stored)).isEmpty();
    }

    @Test
    void referencesResolveAgainstWhatIsStored() {
        RegistryDocument stored = parse(small());
        String json = """
                {"regions": [{"code": "320105", "name": "建邺区", "level": "county", "parent": "320100"}],
                 "institutions": [{"id": "inst-c", "name": "C", "region": "320105"}],
                 "meters": [{"id": "c-main", "institution": "inst-c", "type": "electricity", "role": "main",
                             "secret": "0b7e3a9c5f1d8246e0a4c8f2b6d9e1a3"},
                            {"id": "a-it2", "institution": "inst-a", "type": "electricity", "role": "sub",
                             "subitem": "01D10", "secret": "d4a8e2c6f0b3917d5a1e9c3f7b2d6a04"}],
                 "gateways": [{"id": "gw-c", "secret": "7f3b9d1e5a0c8462f7d3b9e1a5c0f486", "meters": ["c-main", "a-water"]}],
                 "dataCenters": [{"id": "dc-a2", "institution": "inst-a", "itMeter": "a-it2",
                                  "totalMeter": "a-dc-total"}],
                 "users": [{"name": "c-user", "password": "p", "role": "institution", "institution": "inst-c"},
                           {"name": "nanjing", "role": "region", "region": "320105"}]}""";
        assertThat(RegistryDocuments.validate(parse(json), Registry.of(stored))).isEmpty();
        assertThat(RegistryDocuments.validate(parse(json), Registry.empty())).extracting(Problem::path)
                .contains("$.regions[0].parent", "$.meters[1].institution", "$.gateways[0].meters[1]",
                        "$.users[1].password");
    }

    @Test
    void changingAStoredRegionsLevelMustNotBreakItsStoredChildren() {
        RegistryDocument stored = parse(small());
        String json = """
                {"regions": [{"code": "320100", "name": "南京市", "level": "county", "parent": "320000"}]}""";
        List<Problem> problems = RegistryDocuments.validate(parse(json), Registry.of(stored));
        assertThat(problems).extracting(Problem::path).containsExactly("$.regions[0].parent", "$.regions[0].level");
        assertThat(problems.get(1).message()).contains("stored region 320102 (a county)");
    }

    @Test
    void changingAStoredMeterMustNotBreakAStoredDataCentre() {
        RegistryDocument stored = parse(small());
        String json = """
                {"meters": [{"id": "a-dc-it", "institution": "inst-a", "type": "heat"},
                            {"id": "a-dc-total", "institution": "inst-b", "type": "electricity", "role": "sub",
                             "subitem": "01D00"}]}""";
        assertThat(RegistryDocuments.validate(parse(json), Registry.of(stored)))
                .extracting(Problem::path, Problem::message).containsExactly(
                        tuple("$.meters[0].type",
                                "stored data centre dc-a measures this meter, so it must stay an electricity meter"),
                        tuple("$.meters[1].institution",
                                "stored data centre dc-a measures this meter, so it must stay with institution "
                                        + "inst-a"));
    }
}
