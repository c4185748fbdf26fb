package io.jieneng.ingest.server;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * Swaps the connect timeout for the keepalive once a connection is accepted: the server allows one and a half
 * keepalive periods without a packet (MQTT 3.1.1 §3.1.2.10, MQTT 5 §3.1.2.11); 0 means no keepalive.
 */
final class KeepAliveInstaller {

    void install(ChannelPipeline pipeline, int keepAliveSeconds) {
        if (pipeline.get(HandlerNames.CONNECT_TIMEOUT) != null) {
            pipeline.remove(HandlerNames.CONNECT_TIMEOUT);
        }
        if (keepAliveSeconds > 0 && pipeline.get(HandlerNames.KEEP_ALIVE_IDLE) == null) {
            // Behind the decoder, so that whole packets count as activity, not stray bytes of a stalled one.
            pipeline.addAfter(HandlerNames.DECODER, HandlerNames.KEEP_ALIVE_IDLE,
                    new IdleStateHandler(keepAliveSeconds * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        }
    }
}
