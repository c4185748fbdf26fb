package io.jieneng.devices.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time and memory of a Linux process, from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}.
 *
 * @param cpuTicks utime + stime, in clock ticks of {@link #TICKS_PER_SECOND}
 * @param rssKib   resident set size now ({@code VmRSS})
 * @param hwmKib   peak resident set size since the process started ({@code VmHWM})
 */
public record ProcSample(long cpuTicks, long rssKib, long hwmKib) {

    /**
     * {@code USER_HZ}: the unit of the times in {@code /proc/<pid>/stat}. Linux fixes it at 100 for user space on
     * every mainstream architecture, whatever the kernel's internal tick rate ({@code getconf CLK_TCK}).
     */
    public static final long TICKS_PER_SECOND = 100;

    public double cpuSeconds() {
        return cpuTicks / (double) TICKS_PER_SECOND;
    }

    /** Reads process {@code pid}; empty when it does not exist (any more). */
    public static Optional<ProcSample> read(long pid) {
        try {
            Path dir = Path.of("/proc", Long.toString(pid));
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            String status = Files.readString(dir.resolve("status"), StandardCharsets.UTF_8);
            return Optional.of(new ProcSample(cpuTicks(stat), statusKib(status, "VmRSS"),
                    statusKib(status, "VmHWM")));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /**
     * utime + stime (fields 14 and 15, proc(5)) of a {@code /proc/<pid>/stat} line. The command name, field 2, is
     * in parentheses and may itself contain spaces and parentheses, so fields are counted from the last ')'.
     *
     * @throws IllegalArgumentException when the line is not a stat line
     */
    static long cpuTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: no ')' after the command name");
        }
        String[] f = statLine.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3].
        if (f.length < 13) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: only " + (f.length + 2) + " fields");
        }
        try {
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: utime/stime are not numbers", e);
        }
    }

    /** A {@code kB} line of {@code /proc/<pid>/status} such as {@code VmRSS:   123456 kB}; 0 when absent. */
    static long statusKib(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected " + key + " line: " + line);
                }
                return Long.parseLong(parts[0]);
            }
        }
        // Kernel threads and zombies have no Vm* lines.
        return 0;
    }
}
