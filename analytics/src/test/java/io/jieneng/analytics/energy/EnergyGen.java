package io.jieneng.analytics.energy;

import io.jieneng.testkit.Gen;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

/**
 * Inputs the energy properties share: ranges and timestamps a few days around {@link #BASE}, the evening before
 * Berlin springs forward, so that generated data meets a daylight-saving night as well as ordinary days.
 */
final class EnergyGen {

    static final long BASE = Instant.parse("2026-03-28T16:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    static final long QUARTER_HOUR = 900_000L;
    /** Shanghai, plus Berlin whose spring-forward night (2026-03-29) lies inside the generated times. */
    static final List<String> ZONES = List.of("Asia/Shanghai", "Europe/Berlin", "Asia/Kathmandu");

    private EnergyGen() {
    }

    /** A range of one grid. */
    record Range(ZoneId zone, Interval interval, long fromMillis, long toMillis) {
        BucketGrid grid() {
            return BucketGrid.of(Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis), interval, zone);
        }
    }

    static ZoneId zone(Random r) {
        return ZoneId.of(Gen.oneOf(r, ZONES));
    }

    /** A range starting up to 3 days before and 6 after BASE, up to 4 days long; half of them on whole hours. */
    static Range range(Random r) {
        long start = r.nextBoolean() ? Gen.longIn(r, -3 * DAY, 6 * DAY) : Gen.intIn(r, -3 * 24, 6 * 24) * HOUR;
        long length = r.nextBoolean() ? Gen.longIn(r, 1, 4 * DAY) : Gen.intIn(r, 1, 4 * 24) * HOUR;
        return new Range(zone(r), Gen.oneOf(r, Interval.class), BASE + start, BASE + start + length);
    }

    /**
     * A timestamp from 2 days before to 6 days after BASE: half any millisecond, half a quarter hour, since
     * quarter-hour timestamps land on bucket edges and collide, which is where mistakes hide.
     */
    static long timestamp(Random r) {
        return BASE + (r.nextBoolean() ? Gen.longIn(r, -2 * DAY, 6 * DAY)
                : Gen.intIn(r, -2 * 96, 6 * 96) * QUARTER_HOUR);
    }
}
