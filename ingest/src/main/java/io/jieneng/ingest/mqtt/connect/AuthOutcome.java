package io.jieneng.ingest.mqtt.connect;

/** The answer to a CONNECT's credentials: a principal, or why not. Exactly one is non-null. */
record AuthOutcome(DevicePrincipal principal, ConnectRefusal refusal) {

    public static AuthOutcome granted(DevicePrincipal principal) {
        return new AuthOutcome(principal, null);
    }

    public static AuthOutcome refused(ConnectRefusal refusal) {
        return new AuthOutcome(null, refusal);
    }

    public boolean isGranted() {
        return principal != null;
    }
}
