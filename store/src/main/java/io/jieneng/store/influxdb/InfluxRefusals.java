package io.jieneng.store.influxdb;

import io.jieneng.store.StoreRefusedException;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;

/**
 * Which InfluxDB write errors are refusals of the readings themselves ({@link StoreRefusedException}). InfluxDB
 * answers those with a 4xx whose text starts with {@code partial write:} (a field type conflict, points beyond
 * the retention policy, a max-values-per-tag or max-series limit) or says {@code unable to parse}; it kept the
 * other points of the request. A refused login, a missing database, a full cache, timeouts and 5xx are
 * transient: the same readings succeed once the server or its configuration is fixed, so they must never be
 * quarantined.
 */
final class InfluxRefusals {

    private InfluxRefusals() {
    }

    /** {@code e} classified: a {@link StoreRefusedException} carrying InfluxDB's message, or {@code e} itself. */
    static RuntimeException classify(RuntimeException e) {
        if (!(e instanceof InfluxDBException) || e instanceof InfluxDBIOException) {
            return e;
        }
        String message = String.valueOf(e.getMessage());
        boolean refused = e instanceof InfluxDBException.FieldTypeConflictException
                || e instanceof InfluxDBException.PointsBeyondRetentionPolicyException
                || e instanceof InfluxDBException.UnableToParseException
                || message.contains("partial write");
        return refused ? new StoreRefusedException("InfluxDB refused the write: " + message, e) : e;
    }
}
