package io.jieneng.ingest.mqtt;

import io.jieneng.ingest.mqtt.connect.DevicePrincipal;
import io.jieneng.ingest.mqtt.session.DeviceSession;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;

/**
 * The MQTT state of one connection, kept as a channel attribute and only touched on the channel's event loop.
 * It exists from the CONNECT packet on. What must outlive the connection (QoS 2 ids awaiting PUBREL) is in its
 * {@link DeviceSession}.
 */
public final class MqttSession {

    private static final AttributeKey<MqttSession> KEY = AttributeKey.valueOf(MqttSession.class, "session");

    /** Where the connection is in its life. */
    public enum State { AUTHENTICATING, CONNECTED, CLOSING }

    private final MqttVersion version;
    private final String clientId;
    private final int keepAliveSeconds;
    private boolean problemInformation = true;
    private int clientMaxPacketBytes = Replies.UNLIMITED;
    private long requestedExpirySeconds;
    private State state = State.AUTHENTICATING;
    private DevicePrincipal principal;
    private DeviceSession persistent;

    private MqttSession(MqttVersion version, String clientId, int keepAliveSeconds) {
        this.version = version;
        this.clientId = clientId;
        this.keepAliveSeconds = keepAliveSeconds;
    }

    /** Starts the session of {@code channel} at its CONNECT packet; {@code keepAliveSeconds} 0 means none. */
    public static MqttSession start(Channel channel, MqttVersion version, String clientId, int keepAliveSeconds) {
        MqttSession session = new MqttSession(version, clientId, keepAliveSeconds);
        channel.attr(KEY).set(session);
        return session;
    }

    /** The session of {@code channel}, or {@code null} before CONNECT. */
    public static MqttSession of(Channel channel) {
        return channel.attr(KEY).get();
    }

    public MqttVersion version() {
        return version;
    }

    public boolean isMqtt5() {
        return version == MqttVersion.MQTT_5;
    }

    /** The keepalive the client asked for, in seconds; 0 disables it. */
    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    /**
     * False when an MQTT 5 client asked for no reason strings on acknowledgements (Request Problem Information 0,
     * MQTT 5 §3.1.2.11.7).
     */
    public boolean wantsProblemInformation() {
        return problemInformation;
    }

    public void wantsProblemInformation(boolean wanted) {
        this.problemInformation = wanted;
    }

    /** The largest packet the client accepts (MQTT 5 Maximum Packet Size); {@link Replies#UNLIMITED} if none. */
    public int clientMaxPacketBytes() {
        return clientMaxPacketBytes;
    }

    public void clientMaxPacketBytes(int bytes) {
        this.clientMaxPacketBytes = bytes;
    }

    /** The Session Expiry Interval of the CONNECT, before the server's cap (MQTT 5; 0 for 3.1.1). */
    public long requestedExpirySeconds() {
        return requestedExpirySeconds;
    }

    public void requestedExpirySeconds(long seconds) {
        this.requestedExpirySeconds = seconds;
    }

    public String clientId() {
        return clientId;
    }

    public State state() {
        return state;
    }

    /** The authenticated device; {@code null} until CONNECTED. */
    public DevicePrincipal principal() {
        return principal;
    }

    /** The session state that may outlive this connection; {@code null} until CONNECTED. */
    public DeviceSession persistent() {
        return persistent;
    }

    public void connected(DevicePrincipal who, DeviceSession session) {
        this.principal = who;
        this.persistent = session;
        this.state = State.CONNECTED;
    }

    public void closing() {
        this.state = State.CLOSING;
    }

    @Override
    public String toString() {
        return principal != null ? principal.id() + " (client " + clientId + ")" : "client " + clientId;
    }
}
