package io.jieneng.analytics.carbon;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FactorSelectionPropertiesTest {

    @Property(tries = 500)
    void theGridFactorIsThatYearsElseTheNearestEarlierElseTheEarliest(
            @ForAll @Size(min = 1, max = 6) @UniqueElements List<@IntRange(min = 2000, max = 2040) Integer> years,
            @ForAll @IntRange(min = 1990, max = 2050) int dataYear) {
        // Each year's factor value encodes its year, so the chosen entry is identifiable.
        String grid = years.stream().map(y -> FactorJson.grid("east-china", y, y / 1000.0))
                .collect(Collectors.joining(",\n"));
        FactorTable table = FactorTable.read(new ByteArrayInputStream(
                FactorJson.table("p", grid, "").getBytes(StandardCharsets.UTF_8)), "property.json");

        int expectedYear;
        if (years.contains(dataYear)) {
            expectedYear = dataYear;
        } else if (years.stream().anyMatch(y -> y < dataYear)) {
            expectedYear = years.stream().filter(y -> y < dataYear).max(Integer::compare).orElseThrow();
        } else {
            expectedYear = years.stream().min(Integer::compare).orElseThrow();
        }
        Factor chosen = table.gridCo2("east-china", dataYear);
        assertThat(chosen.year()).isEqualTo(expectedYear);
        assertThat(chosen.value()).isEqualTo(expectedYear / 1000.0);
    }
}
