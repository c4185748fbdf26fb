package io.jieneng.devices.loadgen;

import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.RegistryDocument;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who connection {@code i} is: a meter id (also the MQTT client id and the topic's meter), and its credentials
 * when the run logs in.
 *
 * @param username {@code null} for an anonymous connection
 */
record MeterLogin(String meterId, String username, byte[] password) {

    String topic() {
        return "meters/" + meterId + "/readings";
    }

    /** Anonymous connections with ids {@code prefix000001}, ... starting at {@code offset + 1}. */
    static List<MeterLogin> generated(String prefix, int offset, int count) {
        List<MeterLogin> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new MeterLogin(prefix + String.format(Locale.ROOT, "%06d", offset + i + 1), null, null));
        }
        return out;
    }

    /**
     * The registry's electricity main meters that have a secret, in document order, from {@code offset}. Only
     * those: the payload carries energyKwh, exportKwh and powerKw, which only they may all send.
     *
     * @throws IllegalArgumentException when the registry has fewer than {@code offset + count} of them
     */
    static List<MeterLogin> fromRegistry(RegistryDocument registry, int offset, int count) {
        List<Meter> usable = registry.meters().stream()
                .filter(m -> m.type() == MeterType.ELECTRICITY && m.role() == MeterRole.MAIN && m.secret() != null)
                .toList();
        if (usable.size() < (long) offset + count) {
            throw new IllegalArgumentException("the registry has " + usable.size() + " electricity main meters with"
                    + " secrets; --meter-offset " + offset + " and --connections " + count + " need "
                    + ((long) offset + count) + " (./jieneng loadgen --make-registry N --out FILE makes one)");
        }
        List<MeterLogin> out = new ArrayList<>(count);
        for (Meter m : usable.subList(offset, offset + count)) {
            out.add(new MeterLogin(m.id(), m.id(), m.secret().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }
}
