package io.jieneng.ingest.mqtt.publish;

import java.util.HashMap;
import java.util.Map;

/**
 * The topic aliases of one MQTT 5 connection (MQTT 5 §3.3.2.3.4): a PUBLISH with a topic and an alias sets the
 * alias, one with an empty topic and an alias uses it. Aliases live as long as the connection; they are not part
 * of the session. Knows nothing of Netty.
 */
final class TopicAliases {

    /** Longer topics cannot be aliased: it bounds the table at maximum × this many characters. */
    static final int MAX_ALIASED_TOPIC = 1024;

    /** Why a PUBLISH's topic cannot be resolved; each closes the connection with its MQTT 5 reason code. */
    public enum Problem {
        /** Alias 0 or above the maximum the server granted. */
        ALIAS_INVALID(0x94),
        /** An empty topic with no alias, or with an alias never set. */
        PROTOCOL_ERROR(0x82),
        /** A topic too long to keep for an alias (topic name invalid). */
        TOPIC_TOO_LONG(0x90);

        private final byte reasonCode;

        Problem(int reasonCode) {
            this.reasonCode = (byte) reasonCode;
        }

        /** The DISCONNECT reason code. */
        public byte reasonCode() {
            return reasonCode;
        }
    }

    /** The topic a PUBLISH addresses, or why it has none. Exactly one is non-null. */
    public record Resolution(String topic, Problem problem, String why) {

        static Resolution of(String topic) {
            return new Resolution(topic, null, null);
        }

        static Resolution refused(Problem problem, String why) {
            return new Resolution(null, problem, why);
        }
    }

    private final int maximum;
    private Map<Integer, String> topics;

    /** @param maximum the Topic Alias Maximum granted in the CONNACK; 0 grants none */
    public TopicAliases(int maximum) {
        this.maximum = maximum;
    }

    /** Resolves a PUBLISH's topic; {@code alias} is its Topic Alias property or {@code null}. */
    public Resolution resolve(String topic, Integer alias) {
        if (alias == null) {
            return topic.isEmpty() ? Resolution.refused(Problem.PROTOCOL_ERROR, "an empty topic needs a topic alias")
                    : Resolution.of(topic);
        }
        if (alias < 1 || alias > maximum) {
            return Resolution.refused(Problem.ALIAS_INVALID, "topic alias " + alias + " is not between 1 and "
                    + maximum);
        }
        if (topic.isEmpty()) {
            String known = topics == null ? null : topics.get(alias);
            return known != null ? Resolution.of(known)
                    : Resolution.refused(Problem.PROTOCOL_ERROR, "topic alias " + alias + " was never set");
        }
        if (topic.length() > MAX_ALIASED_TOPIC) {
            return Resolution.refused(Problem.TOPIC_TOO_LONG, "topics over " + MAX_ALIASED_TOPIC
                    + " characters cannot be aliased");
        }
        if (topics == null) {
            topics = new HashMap<>();
        }
        topics.put(alias, topic);
        return Resolution.of(topic);
    }
}
