package io.jieneng.ingest.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-made MQTT bytes, for packets no well-behaved encoder would produce. */
final class RawPackets {

    private RawPackets() {
    }

    /** A packet: the first byte, the Remaining Length computed from {@code body}, the body. */
    static byte[] packet(int first, byte[]... body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] part : body) {
            b.writeBytes(part);
        }
        return withLength(first, b.size(), b.toByteArray());
    }

    /** A packet whose Remaining Length claims {@code length}, whatever the body holds. */
    static byte[] withLength(int first, int length, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        int n = length;
        do {
            int digit = n % 128;
            n /= 128;
            out.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A length-prefixed MQTT string of raw bytes (which may be invalid UTF-8). */
    static byte[] str(byte[] raw) {
        byte[] out = new byte[raw.length + 2];
        out[0] = (byte) (raw.length >> 8);
        out[1] = (byte) raw.length;
        System.arraycopy(raw, 0, out, 2, raw.length);
        return out;
    }

    static byte[] str(String s) {
        return str(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** A CONNECT: version 4 (3.1.1) or 5, the flags byte, then client id, user name, password as given. */
    static byte[] connect(int level, int flags, byte[] clientId, byte[] user, byte[] password) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(str("MQTT"));
        b.write(level);
        b.write(flags);
        b.writeBytes(bytes(0, 60));
        if (level == 5) {
            b.write(0);
        }
        b.writeBytes(str(clientId));
        if (user != null) {
            b.writeBytes(str(user));
        }
        if (password != null) {
            b.writeBytes(str(password));
        }
        return packet(0x10, b.toByteArray());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
