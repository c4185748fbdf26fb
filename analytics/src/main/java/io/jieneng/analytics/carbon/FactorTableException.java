package io.jieneng.analytics.carbon;

/** A factor file that cannot be read or does not hold a complete, valid table. The message names the file. */
public class FactorTableException extends RuntimeException {

    public FactorTableException(String message) {
        super(message);
    }

    public FactorTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
