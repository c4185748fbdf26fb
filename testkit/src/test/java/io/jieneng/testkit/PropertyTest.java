package io.jieneng.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PropertyTest {

    private String tryBefore;

    /** These tests count tries, so a -Djieneng.try given to the whole build must not reach them. */
    @BeforeEach
    void runEveryTry() {
        tryBefore = System.getProperty(Property.TRY_PROPERTY);
        System.clearProperty(Property.TRY_PROPERTY);
    }

    @AfterEach
    void restoreTry() {
        if (tryBefore != null) {
            System.setProperty(Property.TRY_PROPERTY, tryBefore);
        }
    }

    @Test
    void aFailingPropertyNamesItselfTheTryTheSeedsTheInputAndHowToRerun() {
        IllegalStateException cause = new IllegalStateException("planted");
        AssertionError e = catchThrowableOfType(AssertionError.class, () -> Property.forAll(500,
                r -> r.nextInt(100), v -> {
                    if (v >= 90) {
                        throw cause;
                    }
                }));

        assertThat(e).isNotNull().hasCause(cause);
        String name = "PropertyTest#aFailingPropertyNamesItselfTheTryTheSeedsTheInputAndHowToRerun";
        int failedTry = Integer.parseInt(e.getMessage().replaceAll("(?s).*failed on try (\\d+) .*", "$1"));
        long seed = Property.trySeed(Property.baseSeed(), name, failedTry);
        assertThat(e.getMessage())
                .startsWith("Property '" + name + "' failed on try " + failedTry + " (of 500) with seed " + seed
                        + " (base seed " + Property.baseSeed() + ")")
                .contains("input: " + new Random(seed).nextInt(100))
                .contains("failure: java.lang.IllegalStateException: planted")
                .contains("-Dtest='" + name + "'", "-Djieneng.seed=" + Property.baseSeed(),
                        "-Djieneng.try=" + failedTry);
        // The reported try is the first failing one: every earlier try drew a value that passes.
        for (int i = 0; i < failedTry; i++) {
            assertThat(new Random(Property.trySeed(Property.baseSeed(), name, i)).nextInt(100)).isLessThan(90);
        }
    }

    @Test
    void theSameSeedsGiveTheSameValuesAndAnotherBaseSeedOthers() {
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        Property.check("replay", 20, r -> first.add(r.nextLong()));
        Property.check("replay", 20, r -> second.add(r.nextLong()));
        assertThat(second).hasSize(20).isEqualTo(first);
        for (int i = 0; i < 20; i++) {
            assertThat(new Random(Property.trySeed(Property.baseSeed(), "replay", i)).nextLong())
                    .isEqualTo(first.get(i));
        }

        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seeds.add(Property.trySeed(1L, "p", i));
            seeds.add(Property.trySeed(2L, "p", i));
            seeds.add(Property.trySeed(1L, "q", i));
        }
        assertThat(seeds).as("every try of every base and name its own seed").hasSize(3000);
    }

    @Test
    void aPassingPropertyRunsEveryTryAndTheNamedOneAloneWhenAsked() {
        int[] calls = {0};
        Property.check(Property.DEFAULT_TRIES / 10, r -> calls[0]++);
        assertThat(calls[0]).isEqualTo(100);

        List<Long> all = new ArrayList<>();
        Property.check("one", 10, r -> all.add(r.nextLong()));
        System.setProperty(Property.TRY_PROPERTY, "7");
        List<Long> only = new ArrayList<>();
        Property.check("one", 10, r -> only.add(r.nextLong()));
        assertThat(only).containsExactly(all.get(7));
        System.clearProperty(Property.TRY_PROPERTY);
        assertThatThrownBy(() -> Property.check(0, r -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void drawsStayInTheirRangesAndMeetTheEdges() {
        Set<Long> longEdges = new HashSet<>();
        Set<Double> doubleEdges = new HashSet<>();
        Set<Integer> sizes = new HashSet<>();
        Property.check(2000, r -> {
            long l = Gen.longIn(r, -5, 1_000_000);
            assertThat(l).isBetween(-5L, 1_000_000L);
            longEdges.add(l);
            assertThat(Gen.anyLong(r)).isNotNull();
            double d = Gen.doubleIn(r, -2.5, 1e12);
            assertThat(d).isBetween(-2.5, 1e12);
            doubleEdges.add(d);
            double scaled = Gen.doubleIn(r, 0, 50, 3);
            assertThat(scaled).isBetween(0.0, 50.0);
            assertThat(Math.round(scaled * 1000) / 1000.0).isEqualTo(scaled);
            List<Integer> list = Gen.listOf(r, 0, 40, x -> Gen.intIn(x, 3, 3));
            assertThat(list).hasSizeBetween(0, 40).allMatch(v -> v == 3);
            sizes.add(list.size());
            assertThat(Gen.bytes(r, 1, 5)).hasSizeBetween(1, 5);
        });
        assertThat(longEdges).contains(-5L, -4L, -1L, 0L, 1L, 999_999L, 1_000_000L);
        assertThat(doubleEdges).contains(-2.5, 0.0, 1e12);
        assertThat(sizes).contains(0, 40);
        assertThatThrownBy(() -> Gen.longIn(new Random(1), 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gen.doubleIn(new Random(1), 0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
