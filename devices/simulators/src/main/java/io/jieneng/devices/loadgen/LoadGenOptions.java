package io.jieneng.devices.loadgen;

import java.nio.file.Path;

/**
 * Settings of a load-generator run ({@code ./jieneng loadgen}); {@link LoadGenCommand} parses them from the command
 * line. Durations are in seconds, rates per second.
 *
 * @param connections        MQTT connections, each one simulated meter
 * @param sourceAddresses    local addresses the connections are spread over
 * @param rate               target messages per second over all connections; 0 sends as fast as the
 *                           acknowledgements allow, with {@code maxInFlight} messages in flight per connection
 * @param maxInFlight        unacknowledged messages per connection (QoS 1 and 2); lowered to the server's MQTT 5
 *                           receive maximum
 * @param qos                0, 1 or 2
 * @param payloadBytes       bytes of one reading (padded with whitespace; at least
 *                           {@link ReadingPayload#MIN_READING_BYTES})
 * @param rampPerSecond      connections opened per second
 * @param registry           registry document whose electricity main meters with secrets log in, or {@code null}
 *                           for anonymous connections with generated meter ids
 * @param meterOffset        connection {@code i} uses meter {@code meterOffset + i}, so that several load
 *                           generators can share one registry
 * @param meterPrefix        prefix of the generated meter ids of an anonymous run
 * @param idle               connect and keep the connections alive without publishing
 * @param mqttVersion        3 (MQTT 3.1.1) or 5
 * @param targetPid          the server process whose CPU and memory are sampled from {@code /proc}, or 0
 * @param out                where the JSON report goes, or {@code null}
 * @param readyFile          written (JSON counts) once every connection attempt has settled, so that a script can
 *                           act while the connections are held; or {@code null}
 * @param threads            event-loop threads
 * @param keepAliveSeconds   MQTT keepalive; a PINGREQ goes out after this long without sending
 * @param ackTimeoutSeconds  a message unacknowledged for this long is counted as a timeout (once), as is a CONNECT
 *                           without CONNACK
 * @param tsStepMillis       milliseconds between the timestamps of consecutive readings of a meter; 0 repeats one
 *                           timestamp (duplicates on purpose)
 * @param tsBacklogSeconds   how far in the past each meter's timestamps start
 * @param drainSeconds       after the measured window, how long to wait for outstanding acknowledgements
 */
public record LoadGenOptions(String host, int port, int connections, SourceAddresses sourceAddresses, double rate,
                             int maxInFlight, int qos, int readingsPerMessage, int payloadBytes,
                             double durationSeconds, double warmupSeconds, double rampPerSecond, Path registry,
                             int meterOffset, String meterPrefix, boolean idle, int mqttVersion, long targetPid,
                             Path out, Path readyFile, int threads, int keepAliveSeconds, int ackTimeoutSeconds,
                             long tsStepMillis, long tsBacklogSeconds, double drainSeconds) {

    public LoadGenOptions {
        require(host != null && !host.isBlank(), "--host must not be empty");
        require(port >= 1 && port <= 65_535, "--port must be in [1, 65535]");
        require(connections >= 1 && connections <= 1_000_000, "--connections must be in [1, 1000000]");
        require(sourceAddresses != null, "--source-addresses must not be null");
        require(Double.isFinite(rate) && rate >= 0, "--rate must be 0 (as fast as possible) or a positive number");
        require(maxInFlight >= 1 && maxInFlight <= 65_535, "--max-in-flight must be in [1, 65535]");
        require(qos >= 0 && qos <= 2, "--qos must be 0, 1 or 2");
        require(readingsPerMessage >= 1 && readingsPerMessage <= ReadingPayload.MAX_READINGS,
                "--readings-per-message must be in [1, " + ReadingPayload.MAX_READINGS + "]");
        require(payloadBytes >= ReadingPayload.MIN_READING_BYTES, "--payload-bytes must be at least "
                + ReadingPayload.MIN_READING_BYTES + " (a reading with ts and energyKwh)");
        require(Double.isFinite(durationSeconds) && durationSeconds > 0, "--duration must be a positive number");
        require(Double.isFinite(warmupSeconds) && warmupSeconds >= 0, "--warmup must not be negative");
        require(Double.isFinite(rampPerSecond) && rampPerSecond > 0, "--ramp must be a positive number");
        require(meterOffset >= 0, "--meter-offset must not be negative");
        require(meterPrefix != null && meterPrefix.matches("[A-Za-z0-9._:-]{1,40}"),
                "--meter-prefix must be 1 to 40 of the characters A-Z a-z 0-9 . _ : -");
        require(mqttVersion == 3 || mqttVersion == 5, "--mqtt-version must be 3 (3.1.1) or 5");
        require(targetPid >= 0, "--target-pid must be a process id");
        require(threads >= 1 && threads <= 256, "--threads must be in [1, 256]");
        require(keepAliveSeconds >= 1 && keepAliveSeconds <= 65_535, "--keepalive must be in [1, 65535]");
        require(ackTimeoutSeconds >= 1, "--ack-timeout must be at least 1");
        require(tsStepMillis >= 0, "--ts-step-ms must not be negative");
        require(tsBacklogSeconds >= 0, "--ts-backlog-seconds must not be negative");
        require(Double.isFinite(drainSeconds) && drainSeconds >= 0, "--drain must not be negative");
        // Fails here, with the option names, rather than at the first message.
        new ReadingPayload(payloadBytes, readingsPerMessage);
    }

    /** The defaults, with {@code connections} anonymous connections to {@code host:port}. */
    public static LoadGenOptions defaults() {
        return LoadGenCommand.parse();
    }

    public boolean paced() {
        return rate > 0;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
