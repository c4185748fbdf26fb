package io.jieneng.analytics.carbon;

import io.jieneng.analytics.carbon.Factor.Energy;
import io.jieneng.analytics.carbon.Factor.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FactorTableTest {

    private static final FactorTable DEFAULTS = FactorTable.load(Optional.empty());

    @Test
    void theShippedTableHoldsTheDomainDefaults() {
        assertThat(DEFAULTS.version()).isNotBlank();
        assertThat(DEFAULTS.origin()).isEqualTo("classpath:factors/default.json");
        assertThat(DEFAULTS.kgcePerKwh()).isEqualTo(new Factor(Energy.ELECTRICITY, Kind.KGCE, 0.1229, "kgce/kWh",
                "GB/T 2589-2020 (当量值)", null, null));
        assertThat(DEFAULTS.kgcePerM3Gas().value()).isEqualTo(1.2143);
        assertThat(DEFAULTS.kgcePerGjHeat().value()).isEqualTo(34.12);
        assertThat(DEFAULTS.kgcePerKgFuel(Energy.GASOLINE)).map(Factor::value).contains(1.4714);
        assertThat(DEFAULTS.kgcePerKgFuel(Energy.DIESEL)).map(Factor::value).contains(1.4571);
        assertThat(DEFAULTS.gasCo2PerM3().value()).isEqualTo(2.1622);
        assertThat(DEFAULTS.heatCo2PerGj().value()).isEqualTo(110.0);
        assertThat(DEFAULTS.heatCo2PerGj().source()).contains("(verify)");
        assertThat(DEFAULTS.gridRegions()).containsExactlyInAnyOrder("east-china", "national");
        assertThat(DEFAULTS.gridCo2("east-china", 2022).value()).isEqualTo(0.5617);
        assertThat(DEFAULTS.gridCo2("east-china", 2023).value()).isEqualTo(0.5500);
        assertThat(DEFAULTS.gridCo2("national", 2022).value()).isEqualTo(0.5366);
        assertThat(DEFAULTS.gridCo2("national", 2023).value()).isEqualTo(0.5306);
        for (Factor f : DEFAULTS.factors()) {
            assertThat(f.source()).isNotBlank();
        }
    }

    @Test
    void theGridFactorIsThatYearsElseTheNearestEarlierElseTheEarliest() {
        Factor later = DEFAULTS.gridCo2("east-china", 2026);
        assertThat(later.value()).isEqualTo(0.5500);
        assertThat(later.year()).isEqualTo(2023);
        assertThat(later.source()).contains("MEE & NBS 2023");

        Factor earlier = DEFAULTS.gridCo2("east-china", 2019);
        assertThat(earlier.value()).isEqualTo(0.5617);
        assertThat(earlier.year()).isEqualTo(2022);

        assertThat(DEFAULTS.gridCo2(" East-China ", 2023).value()).isEqualTo(0.5500);
    }

    @Test
    void anUnknownRegionFailsNamingIt() {
        assertThatThrownBy(() -> DEFAULTS.gridCo2("north-china", 2023))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("north-china")
                .hasMessageContaining("east-china");
    }

    @Test
    void aTableIsLoadedFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("factors.json");
        Files.writeString(file, FactorJson.table("test-7", FactorJson.grid("south-china", 2021, 0.4), ""));

        FactorTable table = FactorTable.load(Optional.of(file));

        assertThat(table.version()).isEqualTo("test-7");
        assertThat(table.origin()).isEqualTo(file.toString());
        assertThat(table.gridCo2("south-china", 2030).value()).isEqualTo(0.4);
        assertThat(table.kgcePerKgFuel(Energy.DIESEL)).isEmpty();
    }

    @Test
    void aMissingFileFailsNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> FactorTable.load(Optional.of(missing)))
                .isInstanceOf(FactorTableException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void anIncompleteTableIsRefusedNamingWhatIsMissing() {
        String noHeatCo2 = FactorJson.table("v", FactorJson.grid("national", 2023, 0.5306), "")
                .replace("\"kind\": \"co2\", \"value\": 110", "\"kind\": \"kgce\", \"value\": 110");
        assertRefused(noHeatCo2, "heat");
        assertRefused(FactorJson.table("v", "", ""), "grid");
        assertRefused("{\"factors\": []}", "version");
        assertRefused("[1, 2]", "object");
        assertRefused("{not json", "JSON");
    }

    @Test
    void aBadEntryIsRefusedNamingTheFileAndTheEntry() {
        String grid = FactorJson.grid("national", 2023, 0.5306);
        assertRefused(FactorJson.table("v", grid, "").replace("0.1229", "-0.1229"), "factors[0]", "positive");
        assertRefused(FactorJson.table("v", grid, "").replace("\"kgce/kWh\"", "\"kgce/MWh\""), "factors[0]",
                "kgce/kWh");
        assertRefused(FactorJson.table("v", grid, "").replace("\"electricity\"", "\"coal\""), "factors[0]", "coal");
        assertRefused(FactorJson.table("v", grid, "").replace("\"source\": \"GB/T 2589-2020 (当量值)\"",
                "\"source\": \"\""), "factors[0]", "source");
        assertRefused(FactorJson.table("v", grid, "").replace("\"region\": \"national\"", "\"regoin\": \"national\""),
                "regoin");
        assertRefused(FactorJson.table("v", grid.replace("\"year\": 2023", "\"year\": null"), ""), "year");
        assertRefused(FactorJson.table("v", grid + ", " + grid, ""), "two grid co2 (region national, year 2023)");
        assertRefused(FactorJson.table("v", grid, "").replace("\"value\": 0.1229", "\"value\": \"0.1229\""),
                "factors[0]", "number");
    }

    @Test
    void spellingsOfTheSameUnitAreAccepted() {
        String table = FactorJson.table("v", FactorJson.grid("national", 2023, 0.5306), "")
                .replace("kgce/m3", "kgce/m³").replace("kgCO2/GJ", "kgCO₂/GJ");

        assertThat(read(table).kgcePerM3Gas().unit()).isEqualTo("kgce/m³");
    }

    private static FactorTable read(String json) {
        return FactorTable.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    private static void assertRefused(String json, String... messageParts) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(FactorTableException.class)
                .hasMessageContaining("test.json")
                .hasMessageContainingAll(messageParts);
    }
}
