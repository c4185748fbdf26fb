package io.jieneng.store;

/**
 * The store answered and refused what it was sent, for a reason that lies in the readings themselves (a field
 * type conflict, a value or timestamp beyond a store limit, a line it cannot parse): sending the same readings
 * again can never succeed. Every other failure of a write (no connection, a timeout, a 5xx, a refused login, a
 * missing database) is transient: nothing about the readings is wrong, and the write succeeds once the store or
 * its configuration is fixed. docs/STORES.md lists what each store classifies how.
 */
public final class StoreRefusedException extends StoreException {

    public StoreRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
