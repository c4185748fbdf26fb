package io.jieneng.ingest.mqtt.publish;

import io.jieneng.devices.reading.Reading;
import io.jieneng.ingest.mqtt.MqttSession;
import io.jieneng.ingest.mqtt.ReadGate;
import io.jieneng.ingest.mqtt.Replies;
import io.jieneng.ingest.mqtt.session.DeviceSession;
import io.jieneng.ingest.quarantine.RejectedMessage;
import io.jieneng.ingest.reading.RejectReason;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Carries out a {@link PublishOutcome} for one connection: hands readings to the batch writer or the message to
 * the quarantine, and sends PUBACK/PUBREC only when that work is done. Acknowledgements leave in the order the
 * PUBLISH packets arrived (MQTT 3.1.1 §4.6, MQTT 5 §4.6), whichever queue finishes first. It also keeps the
 * connection's Receive Maximum count. One per channel; touched only on its event loop (completions hop back with
 * {@code eventLoop().execute}).
 */
public final class PublishResponder {

    /** One PUBLISH as received, its payload copied out of the released buffer. */
    public record Inbound(int qos, int packetId, String topic, byte[] payload) {
    }

    private static final class Ack {
        final int qos;
        final int packetId;
        final MqttSession session;
        byte reason;
        String reasonString;
        boolean ready;

        Ack(int qos, int packetId, MqttSession session) {
            this.qos = qos;
            this.packetId = packetId;
            this.session = session;
        }
    }

    private static final int MAX_REASON_STRING = 256;

    private final Channel channel;
    private final PublishPipeline pipeline;
    private final ArrayDeque<Ack> order = new ArrayDeque<>();
    private final ReceiveQuota quota;

    /** @param receiveMaximum the Receive Maximum granted to MQTT 5 clients */
    public PublishResponder(Channel channel, PublishPipeline pipeline, int receiveMaximum) {
        this.channel = channel;
        this.pipeline = pipeline;
        this.quota = new ReceiveQuota(receiveMaximum);
    }

    /**
     * Counts a QoS 1 or 2 PUBLISH against the Receive Maximum; false when an MQTT 5 client exceeded it (a protocol
     * error the caller answers with DISCONNECT 0x93). MQTT 3.1.1 has no such limit.
     */
    public boolean admit(MqttSession session, int qos, int packetId) {
        return quota.admit(qos, packetId) || !session.isMqtt5();
    }

    /**
     * Answers a PUBLISH over its device's rate with 0x97 (quota exceeded), in its turn: nothing is stored, and the
     * device knows to send it again later.
     */
    public void refuseOverRate(Inbound in, MqttSession session) {
        byte code = MqttReasonCodes.PubAck.QUOTA_EXCEEDED.byteValue();
        complete(reserve(in, session), code, session.wantsProblemInformation()
                ? "quota_exceeded: over the device's message rate, send again later" : null);
    }

    public void respond(Inbound in, MqttSession session, PublishOutcome outcome) {
        if (outcome instanceof PublishOutcome.Accepted accepted) {
            store(in, session, accepted.readings());
        } else if (outcome instanceof PublishOutcome.Invalid invalid) {
            // The device must not resend a poison message forever, so 3.1.1 gets a normal acknowledgement.
            quarantine(in, session, invalid.reason(), invalid.detail(), session.isMqtt5()
                    ? MqttReasonCodes.PubAck.PAYLOAD_FORMAT_INVALID.byteValue() : Replies.SUCCESS, false);
        } else if (outcome instanceof PublishOutcome.Refused refused) {
            quarantine(in, session, refused.reason(), refused.detail(),
                    MqttReasonCodes.PubAck.NOT_AUTHORIZED.byteValue(), !session.isMqtt5());
        }
    }

    private void store(Inbound in, MqttSession session, List<Reading> readings) {
        Ack ack = reserve(in, session);
        int count = readings.size();
        boolean high;
        try {
            high = pipeline.writer().submit(readings, () -> channel.eventLoop().execute(() -> {
                pipeline.metrics().stored(in.qos(), count);
                complete(ack, Replies.SUCCESS, null);
            }));
        } catch (IllegalStateException closing) {
            pipeline.disconnector().disconnect(channel, MqttReasonCodes.Disconnect.SERVER_SHUTTING_DOWN,
                    "shutting down");
            return;
        }
        if (high) {
            pipeline.backpressure().pauseIfNeeded(channel);
        }
    }

    private void quarantine(Inbound in, MqttSession session, RejectReason reason, String detail, byte ackReason,
                            boolean thenClose) {
        pipeline.metrics().rejected(reason);
        Ack ack = thenClose ? null : reserve(in, session);
        if (thenClose) {
            // MQTT 3.1.1 has no way to refuse a PUBLISH: stop processing this connection now, close it once the
            // message is safely quarantined.
            session.closing();
            ReadGate.pause(channel, ReadGate.Reason.CLOSING);
        }
        RejectedMessage message = new RejectedMessage(pipeline.clock().instant(), session.principal().deviceId(),
                TopicAcl.meterOf(in.topic()).orElse(null), in.topic(), reason, detail, in.payload());
        pipeline.quarantine().submit(message).whenComplete((id, error) -> channel.eventLoop().execute(() -> {
            if (error != null) {
                channel.close();
            } else if (thenClose) {
                channel.close();
            } else {
                complete(ack, ackReason, explanation(session, ackReason, reason, detail));
            }
        }));
        pipeline.backpressure().pauseIfNeeded(channel);
    }

    /** MQTT 5 devices learn the reason and JSON path of a refusal, unless they asked not to. */
    private static String explanation(MqttSession session, byte ackReason, RejectReason reason, String detail) {
        if (!session.isMqtt5() || !session.wantsProblemInformation() || ackReason == Replies.SUCCESS) {
            return null;
        }
        String text = reason.code() + ": " + detail;
        // Bounded, so the acknowledgement stays far below any Maximum Packet Size a client may set.
        return text.length() <= MAX_REASON_STRING ? text : text.substring(0, MAX_REASON_STRING);
    }

    private Ack reserve(Inbound in, MqttSession session) {
        if (in.qos() == 0) {
            return null;
        }
        Ack ack = new Ack(in.qos(), in.packetId(), session);
        order.addLast(ack);
        return ack;
    }

    private void complete(Ack ack, byte reason, String reasonString) {
        if (ack == null) {
            return;
        }
        ack.reason = reason;
        ack.reasonString = reasonString;
        ack.ready = true;
        boolean wrote = false;
        while (!order.isEmpty() && order.peekFirst().ready) {
            Ack next = order.pollFirst();
            int maxBytes = next.session.clientMaxPacketBytes();
            if (next.qos == 1) {
                quota.acknowledged(1, next.packetId);
                channel.write(Replies.pubAck(next.packetId, next.reason, next.reasonString, maxBytes));
            } else {
                if ((next.reason & 0xff) < 0x80) {
                    // Kept in the session even when this connection is gone: the readings are durable, so a
                    // resend after a reconnect must be answered without storing it again.
                    next.session.persistent().awaitRelease(next.packetId);
                } else {
                    quota.acknowledged(2, next.packetId);
                }
                channel.write(Replies.pubRec(next.packetId, next.reason, next.reasonString, maxBytes));
            }
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    /** Answers a resent QoS 2 PUBLISH whose readings are already durable, without storing them again. */
    public void repeatPubRec(int packetId) {
        channel.writeAndFlush(Replies.pubRec(packetId, Replies.SUCCESS));
    }

    /**
     * Ends the QoS 2 flow of {@code packetId} in {@code session}; false when no PUBREC was pending for it, on this
     * connection or on an earlier one of the same session.
     */
    public boolean release(DeviceSession session, int packetId) {
        quota.released(packetId);
        return session.release(packetId);
    }
}
