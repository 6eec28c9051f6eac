package org.spinj.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reports which native memory allocator libtorch runs on. libtorch allocates through the
 * process's {@code malloc}; with glibc's default, SPIN's pair tensors (hundreds of MB) are
 * returned to the OS and page-faulted back on every step, which made a training step ~3.7x slower
 * than with jemalloc in our measurements. The {@code ./spinj} launcher tunes glibc to keep freed
 * memory ({@code MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_}, {@code MALLOC_TOP_PAD_}),
 * whose resident memory stays flat over a long run; {@code SPINJ_MALLOC=jemalloc} preloads
 * jemalloc with decay disabled instead (Debian: {@code libjemalloc2}), ~10% faster per step but
 * growing for as long as the process trains.
 */
public final class Allocator {

    private Allocator() {}

    /**
     * Describes the allocator of this process, from the libraries mapped into it.
     *
     * @return e.g. {@code "jemalloc (/usr/lib/x86_64-linux-gnu/libjemalloc.so.2)"} or {@code "glibc
     *     malloc (MALLOC_ARENA_MAX=2)"}
     */
    public static String describe() {
        String mapped = mappedAllocator();
        if (mapped != null) {
            return mapped;
        }
        StringBuilder sb = new StringBuilder("glibc malloc");
        StringBuilder tuning = new StringBuilder();
        for (String key :
                new String[] {
                    "MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_",
                    "MALLOC_TOP_PAD_"
                }) {
            String v = System.getenv(key);
            if (v != null) {
                tuning.append(tuning.length() == 0 ? "" : ", ").append(key).append('=').append(v);
            }
        }
        if (tuning.length() > 0) {
            sb.append(" (").append(tuning).append(')');
        } else {
            sb.append(" (untuned: run through ./spinj, which keeps freed memory in the process)");
        }
        return sb.toString();
    }

    private static String mappedAllocator() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(maps, StandardCharsets.UTF_8)) {
                String lower = line.toLowerCase(Locale.ROOT);
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                if (lower.contains("libjemalloc")) {
                    return "jemalloc (" + line.substring(slash) + ")";
                }
                if (lower.contains("libtcmalloc")) {
                    return "tcmalloc (" + line.substring(slash) + ")";
                }
                if (lower.contains("libmimalloc")) {
                    return "mimalloc (" + line.substring(slash) + ")";
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
