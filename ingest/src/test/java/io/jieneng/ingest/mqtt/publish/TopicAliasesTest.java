package io.jieneng.ingest.mqtt.publish;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicAliasesTest {

    final TopicAliases aliases = new TopicAliases(4);

    @Test
    void aTopicWithAnAliasSetsItAndAnEmptyTopicUsesIt() {
        assertThat(aliases.resolve("meters/a/readings", 2).topic()).isEqualTo("meters/a/readings");
        assertThat(aliases.resolve("", 2).topic()).isEqualTo("meters/a/readings");
        assertThat(aliases.resolve("meters/b/readings", 2).topic()).isEqualTo("meters/b/readings");
        assertThat(aliases.resolve("", 2).topic()).isEqualTo("meters/b/readings");
        assertThat(aliases.resolve("meters/c/readings", null).topic()).isEqualTo("meters/c/readings");
    }

    @Test
    void aliasZeroOrAboveTheMaximumIsInvalid() {
        assertThat(aliases.resolve("t", 0).problem()).isEqualTo(TopicAliases.Problem.ALIAS_INVALID);
        assertThat(aliases.resolve("t", 5).problem()).isEqualTo(TopicAliases.Problem.ALIAS_INVALID);
        assertThat(aliases.resolve("t", 4).problem()).isNull();
        assertThat(new TopicAliases(0).resolve("t", 1).problem()).isEqualTo(TopicAliases.Problem.ALIAS_INVALID);
    }

    @Test
    void anEmptyTopicNeedsAKnownAlias() {
        assertThat(aliases.resolve("", null).problem()).isEqualTo(TopicAliases.Problem.PROTOCOL_ERROR);
        assertThat(aliases.resolve("", 3).problem()).isEqualTo(TopicAliases.Problem.PROTOCOL_ERROR);
    }

    @Test
    void aVeryLongTopicIsNotKept() {
        assertThat(aliases.resolve("x".repeat(TopicAliases.MAX_ALIASED_TOPIC + 1), 1).problem())
                .isEqualTo(TopicAliases.Problem.TOPIC_TOO_LONG);
        assertThat(aliases.resolve("x".repeat(TopicAliases.MAX_ALIASED_TOPIC + 1), null).problem()).isNull();
    }
}
