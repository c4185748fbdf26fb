package io.jieneng.ingest.reading;

/** Unwinds the decoder at the first problem. Carries no stack trace: it is control flow, not a fault. */
final class Rejection extends Exception {

    private final RejectReason reason;

    Rejection(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    DecodeResult.Invalid toResult() {
        return new DecodeResult.Invalid(reason, getMessage());
    }
}
