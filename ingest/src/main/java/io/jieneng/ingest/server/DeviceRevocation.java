package io.jieneng.ingest.server;

import io.jieneng.devices.registry.Registry;
import io.jieneng.ingest.mqtt.Disconnector;
import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.connect.DevicePrincipal;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

import java.util.function.Supplier;

/**
 * Closes the open connections of devices that a new registry snapshot disabled or no longer holds. The registry
 * supplier is looked at every second; only when it returns another snapshot are the connections checked, each on
 * its own event loop. Working from the supplier, not from a notification, it serves both the standalone ingest
 * (whose reload loop polls the registry's change stamp) and the in-process ingest of analytics (whose registry
 * service swaps its snapshot after imports), without either having to call in.
 */
final class DeviceRevocation implements Runnable {

    private final Supplier<Registry> registry;
    private final Iterable<Channel> channels;
    private final Disconnector disconnector;
    private Registry checked;

    DeviceRevocation(Supplier<Registry> registry, Iterable<Channel> channels, Disconnector disconnector) {
        this.registry = registry;
        this.channels = channels;
        this.disconnector = disconnector;
        this.checked = registry.get();
    }

    /** Checks the connections if the snapshot changed since the last run. Runs on one thread at a time. */
    @Override
    public void run() {
        Registry now = registry.get();
        if (now == checked) {
            return;
        }
        checked = now;
        for (Channel channel : channels) {
            channel.eventLoop().execute(() -> closeIfRevoked(channel, now));
        }
    }

    private void closeIfRevoked(Channel channel, Registry snapshot) {
        MqttSession session = MqttSession.of(channel);
        if (session == null || session.state() != MqttSession.State.CONNECTED) {
            return;
        }
        String why = revoked(session.principal(), snapshot);
        if (why != null) {
            disconnector.disconnect(channel, MqttReasonCodes.Disconnect.NOT_AUTHORIZED, why);
        }
    }

    /** Why {@code who} may no longer be connected under {@code snapshot}, or {@code null}. */
    static String revoked(DevicePrincipal who, Registry snapshot) {
        return switch (who.kind()) {
            case METER -> snapshot.meter(who.id()).isEmpty() ? "the meter is no longer in the registry"
                    : snapshot.meter(who.id()).get().disabled() ? "the meter is disabled" : null;
            case GATEWAY -> snapshot.gateway(who.id()).isEmpty() ? "the gateway is no longer in the registry"
                    : snapshot.gateway(who.id()).get().disabled() ? "the gateway is disabled" : null;
            case BRIDGE, ANONYMOUS -> null;
        };
    }
}
