package io.jieneng.devices.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static io.jieneng.devices.registry.Fixtures.at;
import static io.jieneng.devices.registry.Fixtures.parse;
import static io.jieneng.devices.registry.Fixtures.parseProblems;
import static io.jieneng.devices.registry.Fixtures.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RegistryParserTest {

    @Test
    void smallFixtureParsesIntoRecords() {
        RegistryDocument doc = parse(small());

        assertThat(doc.regions()).containsExactly(
                new Region("320000", "江苏省", RegionLevel.PROVINCE, null),
                new Region("320100", "南京市", RegionLevel.CITY, "320000"),
                new Region("320102", "玄武区", RegionLevel.COUNTY, "320100"));
        assertThat(doc.institutions().get(0))
                .isEqualTo(new Institution("inst-a", "机关A", "320100", "government", 10000.0, 200));
        assertThat(doc.institutions().get(1)).isEqualTo(new Institution("inst-b", "学校B", "320102", "school", null,
                null));
        assertThat(doc.meters().get(0)).isEqualTo(new Meter("a-main", "inst-a", MeterType.ELECTRICITY,
                MeterRole.MAIN, null, null, 900, LocalDate.of(2025, 1, 1), "0f9c8918fbc9ec7d593c59eb87014df4"));
        assertThat(doc.meters().get(1)).isEqualTo(new Meter("a-hvac", "inst-a", MeterType.ELECTRICITY,
                MeterRole.SUB, SubItem.HVAC, null, 300, null, "91fe33f47137cfd4ee6a909dfed8735f"));
        assertThat(doc.meters().get(2).capacityKwp()).isEqualTo(50.5);
        assertThat(doc.gateways()).containsExactly(new Gateway("gw-a", List.of("a-water", "a-gas"),
                "3b09be75085a7e9ffbc7ecb576d6552f"));
        assertThat(doc.dataCenters()).containsExactly(new DataCenter("dc-a", "inst-a", "a-dc-it", "a-dc-total"));
        assertThat(doc.vehicles().get(0)).isEqualTo(new Vehicle("苏A12345", "inst-a", VehicleEnergy.NEV,
                LocalDate.of(2026, 3, 1)));
        assertThat(doc.quotas().get(1)).isEqualTo(new Quota("inst-b", 2026, null, null, 12.0, null));
        assertThat(doc.users()).containsExactly(
                new ApiUser("a-energy", UserRole.INSTITUTION, "inst-a", null, "p-a-energy"),
                new ApiUser("nanjing", UserRole.REGION, null, "320100", "p-nanjing"),
                new ApiUser("audit-1", UserRole.AUDITOR, null, null, "p-audit-1"));
    }

    @Test
    void missingSectionsAreEmptyAndIntervalDefaultsTo900() {
        RegistryDocument doc = parse("""
                {"meters": [{"id": "m", "institution": "i", "type": "water"}], "users": null}""");

        assertThat(doc.regions()).isEmpty();
        assertThat(doc.users()).isEmpty();
        assertThat(doc.meters().get(0).intervalSeconds()).isEqualTo(900);
        assertThat(parse("{}")).isEqualTo(RegistryDocument.empty());
    }

    @Test
    void malformedJsonIsOneProblemAtTheRootWithItsPosition() {
        List<Problem> problems = parseProblems("{\"regions\": [\n  {\"code\": \"32\",}\n]}");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("$");
            assertThat(p.message()).startsWith("malformed JSON at line 2");
        });
    }

    @Test
    void repeatedKeyAndTrailingContentAreMalformed() {
        assertThat(parseProblems("{\"regions\": [], \"regions\": []}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("malformed JSON").contains("regions"));
        assertThat(parseProblems("{} {}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("malformed JSON"));
    }

    @Test
    void emptyInputAndNonObjectRootAreRefused() {
        assertThat(parseProblems("")).extracting(Problem::path, Problem::message)
                .containsExactly(tuple("$", "the document is empty"));
        assertThat(parseProblems("[]")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("expected a JSON object").contains("an array"));
    }

    @Test
    void wrongJsonTypesNameTheFoundType() {
        ObjectNode root = small(r -> {
            at(r, "/institutions/0").put("floorAreaM2", "10000");
            at(r, "/institutions/0").put("occupants", 200.5);
            at(r, "/meters/0").put("id", 17);
            at(r, "/quotas/0").put("year", "2026");
        });

        assertThat(parseProblems(root)).extracting(Problem::path, Problem::message).containsExactly(
                tuple("$.institutions[0].floorAreaM2", "expected a number, found string \"10000\""),
                tuple("$.institutions[0].occupants", "expected a whole number (32-bit), found number 200.5"),
                tuple("$.meters[0].id", "expected a string, found number 17"),
                tuple("$.quotas[0].year", "expected a whole number (32-bit), found string \"2026\""));
    }

    @Test
    void sectionMustBeAnArrayOfObjects() {
        assertThat(parseProblems("{\"meters\": {}, \"regions\": [1]}"))
                .extracting(Problem::path, Problem::message).containsExactly(
                        tuple("$.meters", "expected an array of objects, found an object"),
                        tuple("$.regions[0]", "expected an object, found number 1"));
    }

    @Test
    void unknownFieldsAndSectionsAreNamed() {
        ObjectNode root = small(r -> {
            at(r, "/meters/2").put("colour", "red");
            r.putArray("buildings");
        });

        assertThat(parseProblems(root)).extracting(Problem::path).containsExactly("$.meters[2].colour",
                "$.buildings");
        assertThat(parseProblems(root).get(0).message()).startsWith("unknown field 'colour'");
        assertThat(parseProblems(root).get(1).message()).startsWith("unknown section 'buildings'");
    }

    @Test
    void oddFieldNamesUseBracketPaths() {
        assertThat(parseProblems("{\"regions\": [{\"code\": \"32\", \"name\": \"x\", \"level\": \"province\","
                + " \"a b\": 1}]}")).extracting(Problem::path).containsExactly("$.regions[0]['a b']");
    }

    static Stream<Arguments> unknownEnumValues() {
        return Stream.of(
                Arguments.of("/meters/0", "type", "steam", "$.meters[0].type",
                        "unknown meter type 'steam'; expected one of electricity, pv, water, gas, heat"),
                Arguments.of("/meters/0", "role", "backup", "$.meters[0].role",
                        "unknown meter role 'backup'; expected one of main, sub"),
                Arguments.of("/meters/1", "subitem", "01E00", "$.meters[1].subitem",
                        "unknown MOHURD sub-item code '01E00'; expected one of 01A00, 01B00, 01C00, 01D00, 01D10"),
                Arguments.of("/regions/2", "level", "town", "$.regions[2].level",
                        "unknown region level 'town'; expected one of province, city, county"),
                Arguments.of("/vehicles/1", "energy", "diesel", "$.vehicles[1].energy",
                        "unknown vehicle energy 'diesel'; expected one of nev, ice"),
                Arguments.of("/users/2", "role", "root", "$.users[2].role",
                        "unknown user role 'root'; expected one of admin, auditor, institution, region"),
                Arguments.of("/meters/0", "type", "Electricity", "$.meters[0].type",
                        "unknown meter type 'Electricity'; expected one of electricity, pv, water, gas, heat"));
    }

    @ParameterizedTest
    @MethodSource("unknownEnumValues")
    void unknownEnumValuesListTheAllowedOnes(String pointer, String field, String value, String path, String message) {
        ObjectNode root = small(r -> at(r, pointer).put(field, value));

        assertThat(parseProblems(root)).extracting(Problem::path, Problem::message)
                .containsExactly(tuple(path, message));
    }

    @ParameterizedTest
    @CsvSource({"2025-13-01", "2025-02-30", "2025/01/01", "2025-1-1", "20250101", "2025-01-01T00:00"})
    void badDatesAreRefused(String date) {
        ObjectNode root = small(r -> at(r, "/meters/0").put("commissioned", date));

        assertThat(parseProblems(root)).extracting(Problem::path, Problem::message).containsExactly(
                tuple("$.meters[0].commissioned", "'" + date + "' is not a valid ISO date (YYYY-MM-DD)"));
    }

    @Test
    void missingRequiredFieldsAreListedAfterTheObjectsOtherProblems() {
        ObjectNode root = small(r -> {
            at(r, "/meters/3").remove("type");
            at(r, "/meters/3").put("secret", 5);
            at(r, "/vehicles/0").remove("acquired");
            at(r, "/gateways/0").remove("meters");
            at(r, "/users/1").putNull("role");
        });

        assertThat(parseProblems(root)).extracting(Problem::path, Problem::message).containsExactly(
                tuple("$.meters[3].secret", "expected a string, found number 5"),
                tuple("$.meters[3].type", "required field 'type' is missing"),
                tuple("$.gateways[0].meters", "required field 'meters' is missing"),
                tuple("$.vehicles[0].acquired", "required field 'acquired' is missing"),
                tuple("$.users[1].role", "required field 'role' must not be null"));
    }

    @Test
    void numbersOutOfRangeAreRefused() {
        ObjectNode root = small(r -> {
            at(r, "/institutions/0").put("occupants", 10_000_000_000L);
            at(r, "/quotas/0").put("totalKgce", new java.math.BigDecimal("1e400"));
        });

        assertThat(parseProblems(root)).extracting(Problem::path, Problem::message).containsExactly(
                tuple("$.institutions[0].occupants", "expected a whole number (32-bit), found number 10000000000"),
                tuple("$.quotas[0].totalKgce", "number is out of range (beyond ±1.8E308)"));
    }

    @Test
    void longValuesAreAbbreviatedInMessages() {
        String huge = "x".repeat(10_000);
        ObjectNode root = small(r -> at(r, "/meters/0").put("type", huge));

        assertThat(parseProblems(root)).singleElement()
                .satisfies(p -> assertThat(p.message()).hasSizeLessThan(200).contains("xxx..."));
    }

    @ParameterizedTest
    @CsvSource({"0", "-900", "86401"})
    void intervalOutsideOneSecondToOneDayIsRefused(int interval) {
        ObjectNode root = small(r -> at(r, "/meters/4").put("intervalSeconds", interval));

        assertThat(parseProblems(root)).extracting(Problem::path, Problem::message).containsExactly(
                tuple("$.meters[4].intervalSeconds", "must be between 1 and 86400 seconds, was " + interval));
    }

    @Test
    void gatewayMeterThatIsNotAStringIsPinpointed() {
        ObjectNode root = small(r -> at(r, "/gateways/0").putArray("meters").add("a-water").add(3).addNull());

        assertThat(parseProblems(root)).extracting(Problem::path).containsExactly("$.gateways[0].meters[1]",
                "$.gateways[0].meters[2]");
    }

    @Test
    void everyProblemIsReportedAtOnceInDocumentOrder() {
        ObjectNode root = small(r -> {
            at(r, "/regions/1").put("level", "prefecture");
            at(r, "/institutions/1").put("occupants", "many");
            at(r, "/meters/5").put("shape", "round");
            at(r, "/vehicles/0").put("acquired", "2026-02-31");
            at(r, "/users/0").remove("name");
        });

        assertThat(parseProblems(root)).extracting(Problem::path).containsExactly(
                "$.regions[1].level",
                "$.institutions[1].occupants",
                "$.meters[5].shape",
                "$.vehicles[0].acquired",
                "$.users[0].name");
    }

    @Test
    void exceptionMessageListsTheProblems() {
        ObjectNode root = small(r -> at(r, "/meters/0").put("type", "steam"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(root))
                .hasMessageContaining("1 problem(s)").hasMessageContaining("$.meters[0].type");
    }

    @Test
    void parsesFilesAndLeavesStreamsOpen(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, small().toString());
        assertThat(RegistryDocuments.parse(file)).isEqualTo(parse(small()));

        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        RegistryDocuments.parse(in);
        assertThat(closed[0]).isFalse();
    }
}
