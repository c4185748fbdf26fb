package io.jieneng.devices.registry;

import org.junit.jupiter.api.Test;

import static io.jieneng.devices.registry.Fixtures.parse;
import static io.jieneng.devices.registry.Fixtures.parseProblems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The syntax of {@code "delete": {"meters": [...]}} and its checks that need no time-series store. */
class RegistryDeleteSectionTest {

    @Test
    void theDeleteSectionListsMeterIdsAndIsNeverExported() {
        RegistryDocument doc = parse("""
                {"delete": {"meters": ["m-1", "m-2"]}}""");

        assertThat(doc.deleteMeters()).containsExactly("m-1", "m-2");
        assertThat(parse("{\"delete\": null}").deleteMeters()).isEmpty();
        assertThat(Registry.of(doc).document().deleteMeters()).isEmpty();
        assertThat(new String(RegistryDocuments.toJson(doc))).doesNotContain("delete", "m-1");
    }

    @Test
    void malformedDeleteSectionsAreRefusedAtTheirPath() {
        assertThat(parseProblems("{\"delete\": [\"m-1\"]}")).extracting(Problem::path, Problem::message)
                .containsExactly(tuple("$.delete", "expected an object such as {\"meters\": [\"id\", ...]}, found an"
                        + " array"));
        assertThat(parseProblems("{\"delete\": {\"meters\": [\"m-1\", 7], \"gateways\": []}}"))
                .extracting(Problem::path).containsExactly("$.delete.meters[1]", "$.delete.gateways");
        assertThat(parseProblems("{\"delete\": {}}")).extracting(Problem::path).containsExactly("$.delete.meters");
    }

    @Test
    void aMeterIsEitherKeptOrDeletedOnceAndNothingLeftMayReferToIt() {
        RegistryDocument stored = parse(Fixtures.small());
        RegistryDocument doc = parse("""
                {"meters": [{"id": "b-heat", "institution": "inst-b", "type": "heat"}],
                 "delete": {"meters": ["b-heat", "a-gas", "a-dc-it", "b-main", "b-main", "unknown"]}}""");

        assertThat(RegistryDocuments.validate(doc, Registry.of(stored))).extracting(Problem::path, Problem::message)
                .containsExactly(
                        tuple("$.delete.meters[0]", "meter 'b-heat' is also in meters; a document either keeps a "
                                + "meter or deletes it"),
                        tuple("$.delete.meters[1]", "meter 'a-gas' is still used by gateway gw-a; remove it from "
                                + "there (in this document or before) to delete it"),
                        tuple("$.delete.meters[2]", "meter 'a-dc-it' is still used by data centre dc-a; remove it "
                                + "from there (in this document or before) to delete it"),
                        tuple("$.delete.meters[4]", "meter 'b-main' is listed twice"));
    }
}
