package io.jieneng.devices.registry;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Whether meters have data in the time-series store: the check that stands between a registry document's
 * {@code "delete"} and a meter whose history would be orphaned. The registry cannot see readings itself, so the
 * caller that can (analytics) supplies it.
 */
@FunctionalInterface
public interface MeterData {

    /**
     * Of {@code meterIds}, those with any reading or rollup in the time-series store; empty when this caller cannot
     * tell, which refuses every deletion.
     */
    Optional<Set<String>> withData(Collection<String> meterIds);

    /** For an import that cannot see the time-series store (a standalone ingest's tools): deletes nothing. */
    MeterData UNAVAILABLE = ids -> Optional.empty();
}
