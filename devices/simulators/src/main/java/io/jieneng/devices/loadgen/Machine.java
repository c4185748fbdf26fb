package io.jieneng.devices.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark ran on, for its report.
 *
 * @param cores       processors available to this JVM
 * @param cpuModel    {@code model name} of {@code /proc/cpuinfo}, or {@code unknown}
 * @param memoryMiB   {@code MemTotal} of {@code /proc/meminfo}, or 0
 * @param loadAverage the 1-minute load average when the report was made (other work on the machine skews figures)
 */
public record Machine(int cores, String cpuModel, long memoryMiB, String jvm, String os, double loadAverage) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryMiB(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                ResourceSampler.round1(
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    private static String readCpuModel() {
        return lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    }

    private static long readMemoryMiB() {
        return lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> ProcSample.statusKib(l, "MemTotal") / 1024).findFirst().orElse(0);
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
