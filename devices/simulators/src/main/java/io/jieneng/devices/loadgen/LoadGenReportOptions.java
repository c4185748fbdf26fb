package io.jieneng.devices.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;

/** The settings of a run as they appear in its report, so a result can be reproduced from its JSON alone. */
final class LoadGenReportOptions {

    private LoadGenReportOptions() {
    }

    static Map<String, Object> of(LoadGenOptions o, ReadingPayload payload, boolean epoll) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", o.host());
        m.put("port", o.port());
        m.put("connections", o.connections());
        m.put("sourceAddresses", o.sourceAddresses().asText());
        m.put("rate", o.rate());
        m.put("maxInFlight", o.maxInFlight());
        m.put("qos", o.qos());
        m.put("readingsPerMessage", o.readingsPerMessage());
        m.put("payloadBytes", o.payloadBytes());
        m.put("messageBytes", payload.messageBytes());
        m.put("durationSeconds", o.durationSeconds());
        m.put("warmupSeconds", o.warmupSeconds());
        m.put("rampPerSecond", o.rampPerSecond());
        m.put("registry", o.registry() == null ? null : o.registry().toString());
        m.put("meterOffset", o.meterOffset());
        m.put("idle", o.idle());
        m.put("mqttVersion", o.mqttVersion() == 5 ? "5" : "3.1.1");
        m.put("targetPid", o.targetPid());
        m.put("threads", o.threads());
        m.put("transport", epoll ? "epoll" : "nio");
        m.put("keepAliveSeconds", o.keepAliveSeconds());
        m.put("ackTimeoutSeconds", o.ackTimeoutSeconds());
        m.put("tsStepMillis", o.tsStepMillis());
        m.put("tsBacklogSeconds", o.tsBacklogSeconds());
        m.put("drainSeconds", o.drainSeconds());
        return m;
    }
}
