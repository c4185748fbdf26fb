package io.jieneng.devices.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Consumer;

import static io.jieneng.devices.registry.Fixtures.at;
import static io.jieneng.devices.registry.Fixtures.parse;
import static io.jieneng.devices.registry.Fixtures.problems;
import static io.jieneng.devices.registry.Fixtures.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RegistryValidatorTest {

    /** Asserts that {@code change} to the small registry yields exactly one problem, at {@code path}. */
    private static void onlyProblem(Consumer<ObjectNode> change, String path, String message) {
        assertThat(problems(small(change))).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).contains(message);
        });
    }

    @Test
    void smallFixtureIsValid() {
        assertThat(problems(small())).isEmpty();
    }

    @Test
    void duplicateRegionCode() {
        onlyProblem(r -> r.withArray("regions").addObject().put("code", "320100").put("name", "x")
                .put("level", "city").put("parent", "320000"),
                "$.regions[3].code", "duplicate region code '320100', already at $.regions[1]");
    }

    @Test
    void duplicateInstitutionId() {
        onlyProblem(r -> r.withArray("institutions").add(at(r, "/institutions/0").deepCopy()),
                "$.institutions[2].id", "duplicate institution id 'inst-a', already at $.institutions[0]");
    }

    @Test
    void duplicateMeterId() {
        onlyProblem(r -> r.withArray("meters").add(at(r, "/meters/3").deepCopy()),
                "$.meters[9].id", "duplicate meter id 'a-water', already at $.meters[3]");
    }

    @Test
    void duplicateGatewayDataCentreVehicleAndUser() {
        ObjectNode root = small(r -> {
            r.withArray("gateways").add(at(r, "/gateways/0").deepCopy());
            r.withArray("dataCenters").add(at(r, "/dataCenters/0").deepCopy());
            at(r, "/vehicles/1").put("id", "苏A12345");
            at(r, "/users/1").put("name", "a-energy");
        });
        assertThat(problems(root)).extracting(Problem::path, Problem::message).containsExactly(
                tuple("$.gateways[1].id", "duplicate gateway id 'gw-a', already at $.gateways[0]"),
                tuple("$.dataCenters[1].id", "duplicate data centre id 'dc-a', already at $.dataCenters[0]"),
                tuple("$.vehicles[1].id", "duplicate vehicle id '苏A12345', already at $.vehicles[0]"),
                tuple("$.users[1].name", "duplicate user name 'a-energy', already at $.users[0]"));
    }

    @Test
    void duplicateQuotaForInstitutionAndYear() {
        onlyProblem(r -> at(r, "/quotas/1").put("institution", "inst-a"),
                "$.quotas[1].year", "duplicate quota for institution and year 'inst-a/2026', already at $.quotas[0]");
    }

    @Test
    void sameQuotaInstitutionInAnotherYearIsFine() {
        assertThat(problems(small(r -> at(r, "/quotas/1").put("institution", "inst-a").put("year", 2025))))
                .isEmpty();
    }

    @Test
    void gatewayWithTheIdOfAMeter() {
        onlyProblem(r -> at(r, "/gateways/0").put("id", "b-main"),
                "$.gateways[0].id", "'b-main' is already a meter");
    }

    @Test
    void unknownParentRegion() {
        onlyProblem(r -> at(r, "/regions/2").put("parent", "320199"),
                "$.regions[2].parent", "unknown parent region '320199'");
    }

    @Test
    void parentMustBeExactlyOneLevelUp() {
        onlyProblem(r -> at(r, "/regions/2").put("parent", "320000"),
                "$.regions[2].parent", "parent region 320000 is a province; the parent of a county must be a city");
    }

    @Test
    void provinceHasNoParent() {
        onlyProblem(r -> r.withArray("regions").addObject().put("code", "330000").put("name", "浙江省")
                .put("level", "province").put("parent", "320000"),
                "$.regions[3].parent", "a province has no parent region");
    }

    @Test
    void cityNeedsAParent() {
        onlyProblem(r -> at(r, "/regions/1").remove("parent"),
                "$.regions[1].parent", "a city needs a parent region of level province");
    }

    @Test
    void parentMayComeLaterInTheDocument() {
        assertThat(problems(small(r -> {
            ObjectNode county = at(r, "/regions/2").deepCopy();
            r.withArray("regions").remove(2);
            r.withArray("regions").insert(0, county);
        }))).isEmpty();
    }

    @Test
    void institutionOfUnknownRegion() {
        onlyProblem(r -> at(r, "/institutions/1").put("region", "320105"),
                "$.institutions[1].region", "unknown region '320105'");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1})
    void floorAreaMustBePositive(double area) {
        onlyProblem(r -> at(r, "/institutions/0").put("floorAreaM2", area),
                "$.institutions[0].floorAreaM2", "floor area must be a positive number of m²");
    }

    @Test
    void occupantsMustNotBeNegative() {
        onlyProblem(r -> at(r, "/institutions/0").put("occupants", -1),
                "$.institutions[0].occupants", "occupants must not be negative, was -1");
        assertThat(problems(small(r -> at(r, "/institutions/0").put("occupants", 0)))).isEmpty();
    }

    @Test
    void blankName() {
        onlyProblem(r -> at(r, "/institutions/0").put("name", "  "),
                "$.institutions[0].name", "name must not be blank");
    }

    @Test
    void namesHoldNoControlCharacters() {
        onlyProblem(r -> at(r, "/institutions/1").put("name", "学校\nB"),
                "$.institutions[1].name", "name must not contain control characters");
        onlyProblem(r -> at(r, "/institutions/1").put("category", "school\u0000"),
                "$.institutions[1].category", "category must not contain control characters");
    }

    @Test
    void meterOfUnknownInstitution() {
        onlyProblem(r -> at(r, "/meters/8").put("institution", "inst-z"),
                "$.meters[8].institution", "unknown institution 'inst-z'");
    }

    @Test
    void electricityMeterNeedsARole() {
        onlyProblem(r -> at(r, "/meters/7").remove("role"),
                "$.meters[7].role", "an electricity meter needs a role: main or sub");
    }

    @Test
    void roleIsOnlyForElectricity() {
        onlyProblem(r -> at(r, "/meters/3").put("role", "main"),
                "$.meters[3].role", "role is only for electricity meters, not for water");
    }

    @Test
    void subMeterNeedsASubitem() {
        onlyProblem(r -> at(r, "/meters/1").remove("subitem"),
                "$.meters[1].subitem", "a sub meter needs its MOHURD sub-item code");
    }

    @Test
    void subitemOnlyForSubMeters() {
        onlyProblem(r -> at(r, "/meters/0").put("subitem", "01A00"),
                "$.meters[0].subitem", "subitem is only for electricity meters with role sub");
        onlyProblem(r -> at(r, "/meters/4").put("subitem", "01A00"),
                "$.meters[4].subitem", "subitem is only for electricity meters with role sub");
    }

    @Test
    void pvMeterNeedsAPositiveCapacity() {
        onlyProblem(r -> at(r, "/meters/2").remove("capacityKwp"),
                "$.meters[2].capacityKwp", "a pv meter needs its installed capacity");
        onlyProblem(r -> at(r, "/meters/2").put("capacityKwp", 0),
                "$.meters[2].capacityKwp", "capacity must be a positive number of kWp, was 0.0");
    }

    @Test
    void capacityOnlyForPv() {
        onlyProblem(r -> at(r, "/meters/0").put("capacityKwp", 30),
                "$.meters[0].capacityKwp", "capacityKwp is only for pv meters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "meter+", "m#1", "with space", "", "仪表", "0123456789012345678901234567890123456789"
            + "012345678901234567890123x"})
    void meterIdMustBeTopicSafe(String id) {
        onlyProblem(r -> at(r, "/meters/8").put("id", id),
                "$.meters[8].id", "'" + id + "' is not a valid id: a device id is 1 to 64 of the characters");
    }

    @Test
    void longestAllowedIdsAreFine() {
        String id = "m.1_2:3-" + "x".repeat(56);
        assertThat(problems(small(r -> at(r, "/meters/8").put("id", id)))).isEmpty();
    }

    @Test
    void gatewayAndInstitutionIdsFollowThePattern() {
        onlyProblem(r -> at(r, "/gateways/0").put("id", "gw/1"), "$.gateways[0].id", "is not a valid id");
        ObjectNode root = small(r -> at(r, "/institutions/1").put("id", "inst b"));
        // The bad id also leaves the institution's meters, vehicles and quotas without a known institution.
        assertThat(problems(root)).first().satisfies(p -> {
            assertThat(p.path()).isEqualTo("$.institutions[1].id");
            assertThat(p.message()).contains("(it appears in URLs)");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "32000a", "3201020010011"})
    void regionCodeIsTwoToTwelveDigits(String code) {
        onlyProblem(r -> r.withArray("regions").addObject().put("code", code).put("name", "x")
                .put("level", "city").put("parent", "320000"),
                "$.regions[3].code", "a region code is 2 to 12 digits");
    }

    @Test
    void gatewayListsUnknownOrRepeatedMeters() {
        ObjectNode root = small(r -> at(r, "/gateways/0").putArray("meters").add("a-water").add("a-steam")
                .add("a-water"));
        assertThat(problems(root)).extracting(Problem::path, Problem::message).containsExactly(
                tuple("$.gateways[0].meters[1]", "unknown meter 'a-steam'"),
                tuple("$.gateways[0].meters[2]", "meter 'a-water' is listed twice"));
    }

    @Test
    void dataCentreOfUnknownInstitution() {
        onlyProblem(r -> at(r, "/dataCenters/0").put("institution", "inst-z"),
                "$.dataCenters[0].institution", "unknown institution 'inst-z'");
    }

    @Test
    void dataCentreMeterUnknownNotElectricityOrOfAnotherInstitution() {
        onlyProblem(r -> at(r, "/dataCenters/0").put("itMeter", "a-nope"),
                "$.dataCenters[0].itMeter", "unknown meter 'a-nope'");
        onlyProblem(r -> at(r, "/dataCenters/0").put("totalMeter", "a-water"),
                "$.dataCenters[0].totalMeter", "meter 'a-water' is a water meter; a data centre needs electricity");
        onlyProblem(r -> at(r, "/dataCenters/0").put("totalMeter", "b-main"),
                "$.dataCenters[0].totalMeter", "meter 'b-main' belongs to institution inst-b, not to inst-a");
        onlyProblem(r -> at(r, "/dataCenters/0").put("totalMeter", "a-dc-it"),
                "$.dataCenters[0].totalMeter", "the total meter must differ from the IT meter");
    }

    @Test
    void vehicleOfUnknownInstitution() {
        onlyProblem(r -> at(r, "/vehicles/1").put("institution", "inst-z"),
                "$.vehicles[1].institution", "unknown institution 'inst-z'");
    }

    @Test
    void quotaOfUnknownInstitution() {
        onlyProblem(r -> at(r, "/quotas/1").put("institution", "inst-z"),
                "$.quotas[1].institution", "unknown institution 'inst-z'");
    }

    @Test
    void negativeQuotaIndicator() {
        onlyProblem(r -> at(r, "/quotas/0").put("kgcePerM2", -25),
                "$.quotas[0].kgcePerM2", "kgcePerM2 must be a non-negative number, was -25.0");
    }

    @Test
    void quotaYearAndIndicatorsMustMakeSense() {
        onlyProblem(r -> at(r, "/quotas/0").put("year", 26), "$.quotas[0].year", "year must be between 1990 and 2100");
        onlyProblem(r -> at(r, "/quotas/1").remove("kgcePerM2"), "$.quotas[1]", "a quota needs at least one indicator");
    }

    @Test
    void institutionUserNeedsAKnownInstitution() {
        onlyProblem(r -> at(r, "/users/0").remove("institution"),
                "$.users[0].institution", "required field 'institution' is missing");
        onlyProblem(r -> at(r, "/users/0").put("institution", "inst-z"),
                "$.users[0].institution", "unknown institution 'inst-z'");
    }

    @Test
    void regionUserNeedsAKnownRegion() {
        onlyProblem(r -> at(r, "/users/1").put("region", "320500"),
                "$.users[1].region", "unknown region '320500'");
    }

    @Test
    void userFieldsThatDoNotBelongToTheRole() {
        onlyProblem(r -> at(r, "/users/2").put("institution", "inst-a"),
                "$.users[2].institution", "only a user with role institution has an institution");
        onlyProblem(r -> at(r, "/users/0").put("region", "320100"),
                "$.users[0].region", "only a user with role region has a region");
        onlyProblem(r -> at(r, "/users/1").put("institution", "inst-a"),
                "$.users[1].institution", "only a user with role institution has an institution");
    }

    @Test
    void adminIsReserved() {
        onlyProblem(r -> at(r, "/users/2").put("name", "admin").put("role", "admin"),
                "$.users[2].name", "the name 'admin' is reserved for the built-in administrator");
    }

    @Test
    void otherAdminUsersAreAllowed() {
        assertThat(problems(small(r -> at(r, "/users/2").put("name", "ops-admin").put("role", "admin")))).isEmpty();
    }

    @Test
    void userNameCannotHoldAColon() {
        onlyProblem(r -> at(r, "/users/2").put("name", "audit:1"), "$.users[2].name", "is not a valid name");
    }

    @Test
    void newMeterGatewayAndUserNeedASecret() {
        ObjectNode root = small(r -> {
            at(r, "/meters/6").remove("secret");
            at(r, "/gateways/0").remove("secret");
            at(r, "/users/2").remove("password");
        });
        assertThat(problems(root)).extracting(Problem::path, Problem::message).containsExactly(
                tuple("$.meters[6].secret", "a new meter needs a secret"),
                tuple("$.gateways[0].secret", "a new gateway needs a secret"),
                tuple("$.users[2].password", "a new user needs a password"));
    }

    @Test
    void secretsMustBeHashable() {
        onlyProblem(r -> at(r, "/meters/0").put("secret", ""), "$.meters[0].secret", "1 to 256 characters");
        onlyProblem(r -> at(r, "/gateways/0").put("secret", "9f2c6a1e4b7d8c03".repeat(16) + "x"),
                "$.gateways[0].secret", "1 to 256 characters");
        // 25 three-byte characters are 75 bytes: bcrypt would silently ignore the end.
        onlyProblem(r -> at(r, "/users/0").put("password", "密".repeat(25)), "$.users[0].password", "1 to 72 bytes");
        // Device secrets are not bcrypt's: more than 72 bytes is fine.
        assertThat(problems(small(r -> at(r, "/meters/0").put("secret", "密码" + "9f2c6a1e4b7d8c03e5f1a2b3c4d5e6f7"
                + "密".repeat(20))))).isEmpty();
    }

    @Test
    void deviceSecretsWithLessThan128BitsAreRefusedWithTheirPathAndWhatIsRequired() {
        // The secrets of the fixtures before issue 12, e.g. "s-a-water": 9 characters, about 54 bits.
        onlyProblem(r -> at(r, "/meters/3").put("secret", "s-a-water"), "$.meters[3].secret",
                "needs at least 128 bits of randomness, e.g. 32 random hex characters (openssl rand -hex 16) or 22 "
                        + "random base64url characters; this one has about 54 bits (9 characters of the base64url");
        onlyProblem(r -> at(r, "/gateways/0").put("secret", "9f2c6a1e4b7d8c03e5f1a2b3c4d5e6f"),
                "$.gateways[0].secret", "about 124 bits (31 characters of the hex alphabet");
        onlyProblem(r -> at(r, "/meters/1").put("secret", "0123456789abcdef".repeat(4)), "$.meters[1].secret",
                "repeats a unit of 16 characters");
        onlyProblem(r -> at(r, "/meters/2").put("secret", "aaaa" + "b".repeat(40)), "$.meters[2].secret",
                "uses only 2 distinct characters");
        // Exactly 128 bits passes; passwords of people are not held to it (they are bcrypt-hashed).
        assertThat(problems(small(r -> {
            at(r, "/meters/3").put("secret", "9f2c6a1e4b7d8c03e5f1a2b3c4d5e6f7");
            at(r, "/users/0").put("password", "p-short");
        }))).isEmpty();
    }

    @Test
    void documentsBuiltInCodeAreCheckedForMissingValuesAndIntervals() {
        RegistryDocument doc = new RegistryDocument(null,
                List.of(new Institution(null, null, null, null, null, null)),
                List.of(new Meter("m", null, null, null, null, null, 0, null, "9f2c6a1e4b7d8c03e5f1a2b3c4d5e6f7")),
                null, null, List.of(new Vehicle(null, null, null, null)), null,
                List.of(new ApiUser(null, null, null, null, null)));
        assertThat(RegistryDocuments.validate(doc, Registry.empty())).extracting(Problem::path).containsExactly(
                "$.institutions[0].id", "$.institutions[0].name", "$.institutions[0].region",
                "$.meters[0].institution", "$.meters[0].type", "$.meters[0].intervalSeconds",
                "$.vehicles[0].id", "$.vehicles[0].institution", "$.vehicles[0].energy", "$.vehicles[0].acquired",
                "$.users[0].name", "$.users[0].role");
    }

    @Test
    void fiveDifferentProblemsAreAllReportedInDocumentOrder() {
        ObjectNode root = small(r -> {
            at(r, "/regions/2").put("parent", "320000");
            at(r, "/meters/3").put("role", "sub");
            at(r, "/gateways/0").withArray("meters").add("nowhere");
            at(r, "/quotas/0").put("totalKgce", -1);
            at(r, "/users/0").put("name", "admin");
        });
        assertThat(problems(root)).extracting(Problem::path).containsExactly(
                "$.regions[2].parent",
                "$.meters[3].role",
                "$.gateways[0].meters[2]",
                "$.quotas[0].totalKgce",
                "$.users[0].name");
    }
}
