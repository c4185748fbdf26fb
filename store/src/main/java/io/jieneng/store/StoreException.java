package io.jieneng.store;

/** The time-series store failed to answer; the API reports it as a 503, since retrying later may succeed. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
