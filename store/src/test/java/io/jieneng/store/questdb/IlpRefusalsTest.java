package io.jieneng.store.questdb;

import io.jieneng.store.StoreRefusedException;
import io.questdb.cutlass.line.LineSenderException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which ILP/HTTP errors are refusals of the readings, in the words the QuestDB client uses. */
class IlpRefusalsTest {

    static RuntimeException classify(String message, boolean retryable) {
        return IlpRefusals.classify(new LineSenderException(message, retryable));
    }

    @Test
    void aBadValueAndATooLargeRequestAreRefusals() {
        assertThat(classify("Could not flush buffer: failed to parse line protocol: cast error from protocol type: "
                + "FLOAT to column type: BOOLEAN [http-status=400, id: 1, code: invalid, line: 2]", false))
                .isInstanceOf(StoreRefusedException.class).hasMessageContaining("cast error");
        assertThat(classify("Could not flush buffer: http-status=413 [http-status=413]", false))
                .isInstanceOf(StoreRefusedException.class);
    }

    @Test
    void loginsEndpointsServerErrorsAndOtherFailuresStayTransient() {
        assertThat(classify("Could not flush buffer: HTTP endpoint authentication error [http-status=401]", false))
                .isNotInstanceOf(StoreRefusedException.class);
        assertThat(classify("Could not flush buffer: HTTP endpoint does not support ILP. [http-status=405]", false))
                .isNotInstanceOf(StoreRefusedException.class);
        assertThat(classify("Could not flush buffer: [http-status=500]", true))
                .isNotInstanceOf(StoreRefusedException.class);
        assertThat(IlpRefusals.classify(new IllegalStateException("x"))).isNotInstanceOf(StoreRefusedException.class);
    }
}
