package io.jieneng.ingest.testing;

import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.ImportResult;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterData;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.security.SecretHasher;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Secret hashes for tests: the registry's own hashing (bcrypt at cost 4, to stay fast), kept in a map. */
public final class InMemoryRegistryStore implements RegistryStore {

    private final RegistryDocument document;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    private final AtomicInteger hashReads = new AtomicInteger();
    private final AtomicLong changeStamp = new AtomicLong();

    public InMemoryRegistryStore(RegistryDocument document) {
        this.document = document;
        SecretHasher hasher = new SecretHasher(4);
        for (Meter m : document.meters()) {
            hashes.put(m.id(), hasher.hash(m.secret()));
        }
        for (Gateway g : document.gateways()) {
            hashes.put(g.id(), hasher.hash(g.secret()));
        }
    }

    /** Replaces a device's secret, as a registry import would. */
    public void rotate(String deviceId, String newSecret) {
        hashes.put(deviceId, new SecretHasher(4).hash(newSecret));
        changeStamp.incrementAndGet();
    }

    public int hashReads() {
        return hashReads.get();
    }

    @Override
    public Registry load() {
        return Registry.of(document);
    }

    @Override
    public ImportResult importDocument(RegistryDocument doc, MeterData data) {
        throw new UnsupportedOperationException("the test registry is fixed");
    }

    @Override
    public Optional<String> deviceSecretHash(String deviceId) {
        hashReads.incrementAndGet();
        return Optional.ofNullable(hashes.get(deviceId));
    }

    @Override
    public boolean replaceDeviceSecretHash(String deviceId, String expectedOldHash, String newHash) {
        boolean replaced = hashes.replace(deviceId, expectedOldHash, newHash);
        if (replaced) {
            changeStamp.incrementAndGet();
        }
        return replaced;
    }

    @Override
    public long changeStamp() {
        return changeStamp.get();
    }

    @Override
    public Optional<StoredUser> user(String name) {
        return Optional.empty();
    }
}
