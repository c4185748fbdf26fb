package io.jieneng.ingest.server;

/** The names of the pipeline handlers, in pipeline order (see {@link MqttChannelInitializer}). */
final class HandlerNames {

    /** TLS listener only. */
    public static final String TLS = "tls";
    /** TLS listener only: counts failed handshakes. */
    public static final String TLS_HANDSHAKE = "tlsHandshake";
    /** Removed after CONNACK. */
    public static final String PRE_CONNACK_LIMIT = "preConnackLimit";
    public static final String FRAMER = "packetFramer";
    public static final String DECODER = "mqttDecoder";
    /** Added after CONNACK, right behind the decoder, when the client asked for a keepalive. */
    public static final String KEEP_ALIVE_IDLE = "keepAliveIdle";
    public static final String ENCODER = "mqttEncoder";
    public static final String WRITE_STALL = "writeStall";
    /** Removed after CONNACK. */
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    public static final String GUARD = "mqttGuard";
    public static final String CONNECT = "connect";
    public static final String KEEP_ALIVE = "keepAlive";
    public static final String PING = "ping";
    public static final String PUBLISH = "publish";
    public static final String PUBREL = "pubrel";
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String DISCONNECT = "disconnect";
    public static final String EXCEPTION = "exception";

    private HandlerNames() {
    }
}
