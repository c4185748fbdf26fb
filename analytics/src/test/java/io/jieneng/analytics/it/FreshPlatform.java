package io.jieneng.analytics.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Gives a test class a platform of its own: a fresh data directory (H2 registry, embedded QuestDB) and, with
 * {@code store=influxdb}, a database of its own on the real InfluxDB that {@code ./jieneng test} started.
 * Use it with {@code scope = RESTRICTED_TO_CLASS} so classes never see each other's data.
 */
public class FreshPlatform implements QuarkusTestResourceLifecycleManager {

    private String store = "questdb";
    private String registryFile;
    private boolean bridge;
    private boolean oidc;
    private String factors;
    private String gridRegion;
    private Path dataDir;

    /**
     * {@code store}: questdb (default) or influxdb; {@code registryFile}: imported at start-up, as by --registry;
     * {@code bridge=true}: the in-process ingest also reads the real Mosquitto through a shared subscription;
     * {@code oidc=true}: bearer tokens signed with the test key (src/test/resources/oidc) are accepted;
     * {@code factors}: the text of a factor table, written to the data directory and used as
     * {@code JIENENG_FACTORS_FILE}; {@code gridRegion}: {@code JIENENG_GRID_REGION}.
     */
    @Override
    public void init(Map<String, String> initArgs) {
        store = initArgs.getOrDefault("store", "questdb");
        registryFile = initArgs.get("registryFile");
        bridge = Boolean.parseBoolean(initArgs.getOrDefault("bridge", "false"));
        oidc = Boolean.parseBoolean(initArgs.getOrDefault("oidc", "false"));
        factors = initArgs.get("factors");
        gridRegion = initArgs.get("gridRegion");
    }

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("jieneng-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("jieneng.data-dir", dataDir.toString());
        config.put("jieneng.store", store);
        if (oidc) {
            config.put("quarkus.oidc.tenant-enabled", "true");
            config.put("quarkus.oidc.public-key", publicKey());
        }
        if (bridge) {
            // The ingest keys are read by their environment-variable names, in-process as standalone.
            config.put("jieneng.bridge.url", "tcp://" + TestServers.mqttHost() + ":" + TestServers.mqttPort());
            config.put("jieneng.bridge.client-id", "it-bridge-" + UUID.randomUUID());
            config.put("jieneng.bridge.group", "it" + UUID.randomUUID().toString().replace("-", ""));
        }
        if (registryFile != null) {
            config.put("jieneng.registry-file", registryFile);
        }
        if (factors != null) {
            Path file = dataDir.resolve("factors.json");
            try {
                Files.writeString(file, factors);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.put("jieneng.factors-file", file.toString());
        }
        if (gridRegion != null) {
            config.put("jieneng.grid-region", gridRegion);
        }
        if ("influxdb".equals(store)) {
            config.put("jieneng.influx.url", TestServers.influxUrl());
            config.put("jieneng.influx.db", "jieneng_it_" + UUID.randomUUID().toString().replace("-", ""));
        }
        return config;
    }

    private static String publicKey() {
        String pem = new String(Api.resource("/oidc/test-public.pem"), java.nio.charset.StandardCharsets.US_ASCII);
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    @Override
    public void stop() {
        if (dataDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
