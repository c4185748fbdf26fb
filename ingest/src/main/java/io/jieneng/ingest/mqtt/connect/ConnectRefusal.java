package io.jieneng.ingest.mqtt.connect;

/**
 * Why a CONNECT is refused, with the CONNACK return code of MQTT 3.1.1 and the reason code of MQTT 5.
 */
enum ConnectRefusal {
    /** Unknown device, wrong or missing password (docs/CONTRACT.md §1: 0x04 / 0x86). */
    BAD_CREDENTIALS("bad_credentials", 0x04, 0x86),
    /**
     * A disabled meter or gateway (docs/REGISTRY.md): answered like a bad credential, so that the answer does not
     * tell an outsider which ids exist; the metric tells the operator.
     */
    DISABLED("disabled", 0x04, 0x86),
    /**
     * The source address or the device id failed too many CONNECTs: refused before any secret is checked. MQTT 5
     * has a code for it (connection rate exceeded); MQTT 3.1.1 says server unavailable, i.e. try later.
     */
    THROTTLED("throttled", 0x03, 0x9F),
    /** No username while anonymous connections are not allowed. */
    ANONYMOUS("anonymous", 0x05, 0x87),
    /** Neither MQTT 3.1.1 nor MQTT 5. */
    UNSUPPORTED_PROTOCOL("unsupported_protocol", 0x01, 0x84),
    /** An empty client id without a clean session (MQTT 3.1.1 §3.1.3-8). */
    CLIENT_ID_REJECTED("client_id_rejected", 0x02, 0x85),
    /** MQTT 5 enhanced authentication, which is not offered. */
    BAD_AUTHENTICATION_METHOD("bad_authentication_method", 0x05, 0x8C),
    /** Too many connections are authenticating at once. */
    SERVER_BUSY("server_busy", 0x03, 0x89),
    /** The registry database could not be read. */
    SERVER_UNAVAILABLE("server_unavailable", 0x03, 0x88),
    /** An MQTT 5 CONNECT property with a value the protocol forbids, e.g. Receive Maximum 0 (MQTT 5 only). */
    PROTOCOL_ERROR("protocol_error", 0x02, 0x82);

    private final String code;
    private final byte mqtt311;
    private final byte mqtt5;

    ConnectRefusal(String code, int mqtt311, int mqtt5) {
        this.code = code;
        this.mqtt311 = (byte) mqtt311;
        this.mqtt5 = (byte) mqtt5;
    }

    /** The snake_case code, used as the {@code reason} tag of {@code jieneng.ingest.connect.refused}. */
    public String code() {
        return code;
    }

    /** The CONNACK code for the client's protocol version. */
    public byte returnCode(boolean mqtt5) {
        return mqtt5 ? this.mqtt5 : this.mqtt311;
    }
}
