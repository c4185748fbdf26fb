package io.jieneng.ingest.reading;

import io.jieneng.devices.reading.Reading;

import java.util.List;
import java.util.Objects;

/** What {@link ReadingDecoder} made of a payload: all of its readings, or the first problem in it. */
public sealed interface DecodeResult {

    /** Every reading of the message was valid. */
    record Valid(List<Reading> readings) implements DecodeResult {
        public Valid {
            readings = List.copyOf(readings);
        }
    }

    /**
     * The message is rejected whole.
     *
     * @param detail human text naming the JSON path of the first problem, e.g. {@code $[3].powerKw: ...}
     */
    record Invalid(RejectReason reason, String detail) implements DecodeResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
