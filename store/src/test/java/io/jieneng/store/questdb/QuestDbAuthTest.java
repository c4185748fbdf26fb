package io.jieneng.store.questdb;

import io.jieneng.store.QuestDbCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ILP client's configuration and the /exec calls carry for each kind of credentials. */
class QuestDbAuthTest {

    @Test
    void basicCredentialsGoToTheSenderEscapedAndToTheAuthorizationHeader() {
        QuestDbCredentials basic = new QuestDbCredentials("writer", "a;b", null);
        assertThat(QuestDb.senderAuth(basic)).isEqualTo("username=writer;password=a;;b;");
        // base64("writer:a;b")
        assertThat(QuestDb.authorization(basic)).isEqualTo("Basic d3JpdGVyOmE7Yg==");
    }

    @Test
    void aTokenIsSentAsBearerAndNothingWithoutCredentials() {
        QuestDbCredentials token = new QuestDbCredentials(null, null, "qt1a2b3c");
        assertThat(QuestDb.senderAuth(token)).isEqualTo("token=qt1a2b3c;");
        assertThat(QuestDb.authorization(token)).isEqualTo("Bearer qt1a2b3c");
        assertThat(QuestDb.senderAuth(QuestDbCredentials.NONE)).isEmpty();
        assertThat(QuestDb.authorization(QuestDbCredentials.NONE)).isNull();
    }
}
