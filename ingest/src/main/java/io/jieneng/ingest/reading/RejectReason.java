package io.jieneng.ingest.reading;

/**
 * Why a published message was refused. The codes are stable: they are stored in the quarantine, returned by the
 * quarantine endpoint and used as the {@code reason} tag of {@code jieneng.ingest.rejected}.
 */
public enum RejectReason {
    /** The payload is not well-formed UTF-8 JSON, or its root is neither an object nor an array of objects. */
    INVALID_JSON("invalid_json"),
    /** A key that is neither {@code ts} nor a known reading field. */
    UNKNOWN_FIELD("unknown_field"),
    /** A known reading field that the meter's type and role may not send. */
    FIELD_NOT_ALLOWED("field_not_allowed"),
    /** The same key twice in one reading. */
    DUPLICATE_KEY("duplicate_key"),
    /** A field value that is not a JSON number. */
    NOT_A_NUMBER("not_a_number"),
    /** A value that is NaN or infinite (or overflows a double). */
    NON_FINITE("non_finite"),
    /** A cumulative register below zero. */
    NEGATIVE_REGISTER("negative_register"),
    /** A reading with a timestamp but no value. */
    NO_VALUES("no_values"),
    /** A reading without {@code ts}. */
    MISSING_TS("missing_ts"),
    /** A {@code ts} that is neither integral epoch milliseconds nor ISO-8601 with an offset. */
    INVALID_TS("invalid_ts"),
    /** A {@code ts} further ahead of the server clock than allowed. */
    TS_IN_FUTURE("ts_in_future"),
    /** A {@code ts} before the start of the meter's commissioning date. */
    TS_BEFORE_COMMISSIONED("ts_before_commissioned"),
    /**
     * A {@code ts} older than the maximum age ({@code JIENENG_INGEST_MAX_AGE_DAYS}) of a meter without a
     * commissioning date.
     */
    TS_TOO_OLD("ts_too_old"),
    /** A valid reading that the store refused for a reason it will never change (docs/STORES.md). */
    STORE_REFUSED("store_refused"),
    /** An array with more readings than allowed. */
    TOO_MANY_READINGS("too_many_readings"),
    /** A payload larger than allowed. */
    PAYLOAD_TOO_LARGE("payload_too_large"),
    /** An empty payload or an empty array. */
    EMPTY("empty"),
    /** A topic the device may not publish to. */
    TOPIC_NOT_ALLOWED("topic_not_allowed"),
    /** A topic naming a meter that is not in the registry. */
    UNKNOWN_METER("unknown_meter");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** The stable snake_case code. */
    public String code() {
        return code;
    }
}
