package io.jieneng.bench.jmh;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import io.jieneng.ingest.reading.DecodeLimits;
import io.jieneng.ingest.reading.DecodeResult;
import io.jieneng.ingest.reading.ReadingDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Payload decoding as ingest does it for every PUBLISH: {@link ReadingDecoder#decode} (UTF-8 check, streaming JSON
 * parse, validation against the meter's type and commissioning date, the future bound) on one reading, and on an
 * array of 500 (what bench/influx-limit.sh sends, about 48 KB). Score: time per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBenchmark {

    private ReadingDecoder decoder;
    private Meter meter;
    private byte[] one;
    private byte[] array500;
    private Instant now;

    @Setup
    public void setUp() {
        Registry registry = Fixtures.benchRegistry(10);
        meter = Fixtures.benchMeter(registry);
        decoder = new ReadingDecoder(DecodeLimits.CONTRACT, Fixtures.ZONE);
        List<Reading> readings = Fixtures.readings(meter.id(), Fixtures.YEAR_START_MILLIS, Fixtures.QUARTER_HOUR_MILLIS,
                500, 1);
        now = Instant.ofEpochMilli(readings.get(readings.size() - 1).tsMillis()).plusSeconds(60);
        one = Fixtures.json(readings.get(0)).getBytes(StandardCharsets.UTF_8);
        array500 = readings.stream().map(Fixtures::json).collect(Collectors.joining(",", "[", "]"))
                .getBytes(StandardCharsets.UTF_8);
        // A payload the decoder refused would time the rejection path instead.
        requireValid(decodeOne(), 1);
        requireValid(decodeArray500(), 500);
    }

    private static void requireValid(DecodeResult result, int readings) {
        if (!(result instanceof DecodeResult.Valid valid) || valid.readings().size() != readings) {
            throw new IllegalStateException("the benchmark payload does not decode to " + readings + " readings: "
                    + result);
        }
    }

    @Benchmark
    public DecodeResult decodeOne() {
        return decoder.decode(meter, one, now);
    }

    @Benchmark
    public DecodeResult decodeArray500() {
        return decoder.decode(meter, array500, now);
    }
}
