package io.jieneng.ingest;

import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryStore;

/**
 * The standalone ingest's registry snapshot, kept current by polling: one cheap read of the registry's change
 * stamp per {@link #poll()}, and a full load only when the stamp moved. An import made through analytics (or any
 * other process sharing the database), a disabled device included, so reaches the listener within one poll; the
 * listener's revocation sweep then closes the device's open connections.
 */
final class RegistryReload {

    private final RegistryStore store;
    private volatile Registry current;
    private long seenStamp;

    /** Loads the first snapshot; a database that cannot be read stops the start. */
    RegistryReload(RegistryStore store) {
        this.store = store;
        // The stamp is read before the load: a change committed in between is loaded again at the next poll.
        this.seenStamp = store.changeStamp();
        this.current = store.load();
    }

    Registry current() {
        return current;
    }

    /** Loads a new snapshot if the registry changed; true when it did. Called from one thread. */
    boolean poll() {
        long stamp = store.changeStamp();
        if (stamp == seenStamp) {
            return false;
        }
        Registry loaded = store.load();
        current = loaded;
        seenStamp = stamp;
        return true;
    }
}
