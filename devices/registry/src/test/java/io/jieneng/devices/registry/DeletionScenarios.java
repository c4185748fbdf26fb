package io.jieneng.devices.registry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.jieneng.devices.registry.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Deleting meters without data, on a real database: the document's {@code delete} section, the caller's
 * {@link MeterData} check, and refusals that write nothing. Runs wherever {@link RegistryStoreScenarios} runs.
 */
abstract class DeletionScenarios extends RevocationScenarios {

    private static final String REGISTRY = """
            {"regions": [{"code": "320000", "name": "江苏省", "level": "province"}],
             "institutions": [{"id": "inst-a", "name": "A", "region": "320000"}],
             "meters": [{"id": "m-used", "institution": "inst-a", "type": "water",
                         "secret": "8b2e6f0a4c9d1357e2a6c0f4b8d3e7a1"},
                        {"id": "m-typo", "institution": "inst-a", "type": "water",
                         "secret": "1d5f9b3e7a2c6048d1f5b9e3a7c2d6f0"},
                        {"id": "m-gw", "institution": "inst-a", "type": "gas",
                         "secret": "e0c4a8f2b6d1935e0c4a8f2b6d193571"}],
             "gateways": [{"id": "gw-1", "meters": ["m-gw"], "secret": "5b9f3d7e1a0c4826b5f9d3e7a1c0b482"}]}""";

    /** What the caller's check was asked, and its answer: these meters have data. */
    private final List<Collection<String>> asked = new ArrayList<>();

    private MeterData withData(String... ids) {
        return meters -> {
            asked.add(List.copyOf(meters));
            return Optional.of(Set.of(ids));
        };
    }

    @Test
    void aMeterWithoutDataIsDeletedWithItsCredentialsAndTheDocumentStaysImportable() {
        store.importDocument(parse(REGISTRY));
        long stamp = store.changeStamp();
        RegistryDocument delete = parse("""
                {"delete": {"meters": ["m-typo", "never-existed"]}}""");

        ImportResult result = store.importDocument(delete, withData("m-used"));

        assertThat(result.sections().get("meters")).isEqualTo(new ImportResult.Counts(0, 0, 0, 1));
        assertThat(asked).containsExactly(List.of("m-typo"));
        assertThat(store.load().meter("m-typo")).isEmpty();
        assertThat(store.load().meter("m-used")).isPresent();
        assertThat(store.deviceSecretHash("m-typo")).isEmpty();
        assertThat(store.changeStamp()).isNotEqualTo(stamp);
        // Again: nothing left to delete, so nothing to check and nothing changes.
        assertThat(store.importDocument(delete, withData()).unchanged()).isTrue();
        assertThat(asked).hasSize(1);
        // The export of the result never carries the instruction.
        assertThat(new String(RegistryDocuments.toJson(store.load().document()))).doesNotContain("delete");
    }

    @Test
    void aMeterWithDataIsRefusedWithAdviceToDisableItAndNothingIsWritten() {
        store.importDocument(parse(REGISTRY));
        RegistryDocument before = store.load().document();

        assertThatThrownBy(() -> store.importDocument(parse("""
                {"institutions": [{"id": "inst-a", "name": "renamed", "region": "320000"}],
                 "delete": {"meters": ["m-typo", "m-used"]}}"""), withData("m-used")))
                .isInstanceOfSatisfying(RegistryValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path, Problem::message).containsExactly(tuple("$.delete.meters[1]",
                                "meter 'm-used' has data in the time-series store, and deleting it would orphan "
                                        + "that history; disable it instead (\"disabled\": true)")));

        assertThat(store.load().document()).isEqualTo(before);
    }

    @Test
    void anImportThatCannotSeeTheStoreDeletesNothing() {
        store.importDocument(parse(REGISTRY));

        assertThatThrownBy(() -> store.importDocument(parse("""
                {"delete": {"meters": ["m-typo"]}}""")))
                .isInstanceOfSatisfying(RegistryValidationException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.path()).isEqualTo("$.delete.meters[0]");
                            assertThat(p.message()).contains("cannot tell whether meter 'm-typo' has data",
                                    "PUT /api/v1/registry");
                        }));
        assertThat(store.load().meter("m-typo")).isPresent();
    }

    @Test
    void aMeterAGatewayStillListsIsRefusedUnlessTheDocumentTakesItOff() {
        store.importDocument(parse(REGISTRY));

        assertThatThrownBy(() -> store.importDocument(parse("""
                {"delete": {"meters": ["m-gw"]}}"""), withData()))
                .isInstanceOfSatisfying(RegistryValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path, Problem::message).containsExactly(tuple("$.delete.meters[0]",
                                "meter 'm-gw' is still used by gateway gw-1; remove it from there (in this document"
                                        + " or before) to delete it")));
        assertThat(asked).as("refused before asking the store").isEmpty();

        ImportResult result = store.importDocument(parse("""
                {"gateways": [{"id": "gw-1", "meters": []}], "delete": {"meters": ["m-gw"]}}"""), withData());

        assertThat(result.sections().get("meters").deleted()).isEqualTo(1);
        assertThat(store.load().gateway("gw-1").orElseThrow().meters()).isEmpty();
        assertThat(store.load().meter("m-gw")).isEmpty();
    }
}
