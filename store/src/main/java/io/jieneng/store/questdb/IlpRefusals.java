package io.jieneng.store.questdb;

import io.jieneng.store.StoreRefusedException;
import io.questdb.cutlass.line.LineSenderException;

import java.util.regex.Pattern;

/**
 * Which ILP/HTTP errors are refusals of the readings themselves ({@link StoreRefusedException}). QuestDB commits
 * a request whole or not at all, and answers a request it cannot take for its content with 400 (a line it cannot
 * parse, a value that does not fit its column, e.g. after someone changed a column's type) or 413 (a request
 * larger than its limit, which splitting the batch cures). The client marks those not retryable. A refused login
 * (401/403), a wrong endpoint (404/405), connection errors, timeouts and 5xx are transient: the same readings
 * succeed once the server or its configuration is fixed.
 */
final class IlpRefusals {

    // The client writes the status as "[http-status=400, id: ..., code: invalid, line: 2]" or "[http-status=413]".
    private static final Pattern REFUSED_STATUS = Pattern.compile("\\[http-status=(400|413)[],]");

    private IlpRefusals() {
    }

    /** {@code e} classified: a {@link StoreRefusedException} carrying QuestDB's message, or {@code e} itself. */
    static RuntimeException classify(RuntimeException e) {
        if (e instanceof LineSenderException ilp && !ilp.isRetryable()) {
            String message = String.valueOf(ilp.getMessage());
            if (REFUSED_STATUS.matcher(message).find()) {
                return new StoreRefusedException("QuestDB refused the write: " + message, e);
            }
        }
        return e;
    }
}
