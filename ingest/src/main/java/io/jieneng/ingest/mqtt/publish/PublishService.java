package io.jieneng.ingest.mqtt.publish;

import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import io.jieneng.ingest.mqtt.connect.DevicePrincipal;
import io.jieneng.ingest.reading.DecodeResult;
import io.jieneng.ingest.reading.ReadingDecoder;
import io.jieneng.ingest.reading.RejectReason;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** Decides what becomes of a PUBLISH: topic, then access, then payload. Knows nothing of Netty. */
public final class PublishService {

    private final Supplier<Registry> registry;
    private final ReadingDecoder decoder;
    private final Clock clock;

    public PublishService(Supplier<Registry> registry, ReadingDecoder decoder, Clock clock) {
        this.registry = registry;
        this.decoder = decoder;
        this.clock = clock;
    }

    public PublishOutcome evaluate(DevicePrincipal who, String topic, byte[] payload) {
        Optional<String> meterId = TopicAcl.meterOf(topic);
        if (meterId.isEmpty()) {
            return new PublishOutcome.Refused(RejectReason.TOPIC_NOT_ALLOWED,
                    "readings are published to meters/{meterId}/readings");
        }
        Registry snapshot = registry.get();
        if (!TopicAcl.allows(who, meterId.get(), snapshot)) {
            return new PublishOutcome.Refused(RejectReason.TOPIC_NOT_ALLOWED,
                    who.id() + " may not publish readings of meter " + meterId.get());
        }
        Optional<Meter> meter = snapshot.meter(meterId.get());
        if (meter.isEmpty()) {
            return new PublishOutcome.Refused(RejectReason.UNKNOWN_METER,
                    "meter " + meterId.get() + " is not in the registry");
        }
        DecodeResult result = decoder.decode(meter.get(), payload, clock.instant());
        if (result instanceof DecodeResult.Invalid invalid) {
            return new PublishOutcome.Invalid(invalid.reason(), invalid.detail());
        }
        return new PublishOutcome.Accepted(((DecodeResult.Valid) result).readings());
    }
}
