package io.jieneng.devices.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A registry document for benchmarks (docs/CONTRACT.md §2): {@code n} electricity main meters with secrets, ten per
 * institution, in one city of one province. Meter {@code i} (from 1) is {@code bench-e-00000i}; its secret is the
 * first 32 hex digits of SHA-256({@code bench-secret-00000i}). That carries the 128 bits the import requires of a
 * device secret, yet anyone can recompute it: the document exists to be loaded by a load generator, and must never
 * be imported into a real deployment.
 */
public final class BenchRegistry {

    public static final String PROVINCE = "320000";
    public static final String CITY = "320100";
    public static final int METERS_PER_INSTITUTION = 10;
    public static final int MAX_METERS = 1_000_000;
    /** Before any timestamp a load generator sends (it starts at most hours in the past). */
    public static final String COMMISSIONED = "2020-01-01";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private BenchRegistry() {
    }

    /** The id of meter {@code i}, counted from 1. */
    public static String meterId(int i) {
        return String.format(Locale.ROOT, "bench-e-%06d", i);
    }

    /** The institution of meter {@code i}. */
    public static String institutionOf(int meter) {
        return String.format(Locale.ROOT, "bench-inst-%05d", (meter - 1) / METERS_PER_INSTITUTION + 1);
    }

    static String secret(int i) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    String.format(Locale.ROOT, "bench-secret-%06d", i).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The document with {@code meters} meters, as indented UTF-8 JSON with clear secrets. */
    public static byte[] document(int meters) {
        if (meters < 1 || meters > MAX_METERS) {
            throw new IllegalArgumentException("--make-registry needs 1 to " + MAX_METERS + " meters, not " + meters);
        }
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode regions = doc.putArray("regions");
        regions.addObject().put("code", PROVINCE).put("name", "江苏省").put("level", "province");
        regions.addObject().put("code", CITY).put("name", "南京市").put("level", "city").put("parent", PROVINCE);
        ArrayNode institutions = doc.putArray("institutions");
        int institutionCount = (meters - 1) / METERS_PER_INSTITUTION + 1;
        for (int k = 1; k <= institutionCount; k++) {
            institutions.addObject()
                    .put("id", institutionOf((k - 1) * METERS_PER_INSTITUTION + 1))
                    .put("name", String.format(Locale.ROOT, "基准测试单位 %05d", k))
                    .put("region", CITY)
                    .put("category", "government")
                    .put("floorAreaM2", 12_000)
                    .put("occupants", 300);
        }
        ArrayNode list = doc.putArray("meters");
        for (int i = 1; i <= meters; i++) {
            list.addObject()
                    .put("id", meterId(i))
                    .put("institution", institutionOf(i))
                    .put("type", "electricity")
                    .put("role", "main")
                    .put("secret", secret(i))
                    .put("intervalSeconds", 900)
                    .put("commissioned", COMMISSIONED);
        }
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the document to {@code file}. */
    public static void write(int meters, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, document(meters));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
