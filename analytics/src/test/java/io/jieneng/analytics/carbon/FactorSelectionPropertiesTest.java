package io.jieneng.analytics.carbon;

import io.jieneng.testkit.Gen;
import io.jieneng.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FactorSelectionPropertiesTest {

    @Test
    void theGridFactorIsThatYearsElseTheNearestEarlierElseTheEarliest() {
        Property.check(r -> nearestEarlierElseEarliest(years(r), Gen.intIn(r, 1990, 2050)));
    }

    /** 1 to 6 distinct years from 2000 to 2040, in any order. */
    private static List<Integer> years(Random r) {
        List<Integer> years = new ArrayList<>();
        for (int n = Gen.intIn(r, 1, 6); years.size() < n; ) {
            int y = Gen.intIn(r, 2000, 2040);
            if (!years.contains(y)) {
                years.add(y);
            }
        }
        return years;
    }

    /** One year and six; the data year before, at, between and after them, at the ends of both ranges. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"2000; 1990", "2000; 2000", "2040; 2050", "2040; 2039",
            "2040 2000 2020 2001 2039 2030; 1990", "2040 2000 2020 2001 2039 2030; 2050",
            "2040 2000 2020 2001 2039 2030; 2021", "2040 2000 2020 2001 2039 2030; 2001", "2022 2023; 2023"})
    void theGridFactorIsThatYearsElseTheNearestEarlierElseTheEarliest_edges(String years, int dataYear) {
        nearestEarlierElseEarliest(Arrays.stream(years.split(" ")).map(Integer::valueOf).toList(), dataYear);
    }

    private static void nearestEarlierElseEarliest(List<Integer> years, int dataYear) {
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
