package org.spinj.experiments.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the process's resident memory from {@code /proc/self/status} (Linux): the current RSS
 * ({@code VmRSS}) and its high-water mark ({@code VmHWM}), which counts native (libtorch) memory
 * too. The high-water mark can be reset between benchmark variants by writing {@code 5} to {@code
 * /proc/self/clear_refs}, so that one JVM can measure the peak of each variant in turn.
 */
public final class PeakRss {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakRss() {}

    /** @return whether this platform exposes {@code /proc/self/status} */
    public static boolean isSupported() {
        return Files.isReadable(STATUS);
    }

    /** @return the current resident set size in MiB, or -1 where unsupported */
    public static double currentMb() {
        return readKb("VmRSS:") / 1024.0;
    }

    /** @return the peak resident set size since start or the last {@link #reset()}, MiB, or -1 */
    public static double peakMb() {
        return readKb("VmHWM:") / 1024.0;
    }

    /**
     * Resets the high-water mark to the current RSS.
     *
     * @return whether the reset worked (Linux with a writable {@code clear_refs})
     */
    public static boolean reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static double readKb(String key) {
        if (!isSupported()) {
            return -1024;
        }
        try {
            List<String> lines = Files.readAllLines(STATUS, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Double.parseDouble(parts[0]);
                }
            }
            return -1024;
        } catch (IOException e) {
            return -1024;
        }
    }
}
