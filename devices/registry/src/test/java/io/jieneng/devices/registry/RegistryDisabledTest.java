package io.jieneng.devices.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.jieneng.devices.registry.Fixtures.parse;
import static io.jieneng.devices.registry.Fixtures.parseProblems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The {@code disabled} flag of meters, gateways and users in the document: parsing, the snapshot and export. */
class RegistryDisabledTest {

    static final String DOC = """
            {"regions": [{"code": "320000", "name": "江苏省", "level": "province"}],
             "institutions": [{"id": "inst-a", "name": "A", "region": "320000"}],
             "meters": [{"id": "m-on", "institution": "inst-a", "type": "water", "disabled": false},
                        {"id": "m-off", "institution": "inst-a", "type": "water", "disabled": true},
                        {"id": "m-plain", "institution": "inst-a", "type": "gas"}],
             "gateways": [{"id": "gw-off", "meters": ["m-on"], "disabled": true}],
             "users": [{"name": "u-off", "role": "auditor", "disabled": true},
                       {"name": "u-on", "role": "auditor"}]}""";

    @Test
    void disabledIsParsedAndDefaultsToFalse() {
        RegistryDocument doc = parse(DOC);

        assertThat(doc.meters()).extracting(Meter::id, Meter::disabled)
                .containsExactly(tuple("m-on", false), tuple("m-off", true), tuple("m-plain", false));
        assertThat(doc.gateways().get(0).disabled()).isTrue();
        assertThat(doc.users()).extracting(ApiUser::disabled).containsExactly(true, false);
        assertThat(new Meter("m", "i", MeterType.GAS, null, null, null, 900, null, "s").disabled()).isFalse();
        assertThat(new Gateway("g", List.of(), "s").disabled()).isFalse();
        assertThat(new ApiUser("u", UserRole.AUDITOR, null, null, "p").disabled()).isFalse();
    }

    @Test
    void disabledEntitiesStayInTheSnapshot() {
        Registry registry = Registry.of(parse(DOC));

        assertThat(registry.meter("m-off")).get().extracting(Meter::disabled).isEqualTo(true);
        assertThat(registry.metersOf("inst-a")).extracting(Meter::id).containsExactly("m-on", "m-off", "m-plain");
        assertThat(registry.gateway("gw-off")).get().extracting(Gateway::disabled).isEqualTo(true);
        assertThat(registry.document().users().get(0).disabled()).isTrue();
    }

    @Test
    void exportWritesDisabledOnlyWhenTrueAndRoundTrips() throws IOException {
        RegistryDocument doc = parse(DOC);
        JsonNode tree = Fixtures.JSON.readTree(RegistryDocuments.toJson(doc));

        assertThat(tree.at("/meters/1/disabled").booleanValue()).isTrue();
        assertThat(tree.at("/meters/0").has("disabled")).isFalse();
        assertThat(tree.at("/meters/2").has("disabled")).isFalse();
        assertThat(tree.at("/gateways/0/disabled").booleanValue()).isTrue();
        assertThat(tree.at("/users/0/disabled").booleanValue()).isTrue();
        assertThat(tree.at("/users/1").has("disabled")).isFalse();
        assertThat(RegistryDocuments.parse(RegistryDocuments.toJson(doc))).isEqualTo(Registry.of(doc).document());
    }

    @Test
    void aNonBooleanDisabledIsRefusedAtItsPath() {
        List<Problem> problems = parseProblems("""
                {"meters": [{"id": "m", "institution": "i", "type": "water", "disabled": "yes"}],
                 "gateways": [{"id": "g", "meters": [], "disabled": 1}],
                 "users": [{"name": "u", "role": "auditor", "disabled": "true"}]}""");

        assertThat(problems).extracting(Problem::path, Problem::message).containsExactly(
                tuple("$.meters[0].disabled", "expected true or false, found string \"yes\""),
                tuple("$.gateways[0].disabled", "expected true or false, found number 1"),
                tuple("$.users[0].disabled", "expected true or false, found string \"true\""));
    }
}
