package org.spinj.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reports which native memory allocator libtorch runs on. libtorch allocates through the
 * process's {@code malloc}; glibc's default maps every block above its mmap threshold (at most
 * 32 MiB) from the kernel and unmaps it on free, so large tensors are page-faulted in again on
 * every step (a SPIN training step on the AQI-36 graph at batch 8 took 13x longer with
 * unchunked pair tensors). The {@code ./spinj} launcher runs glibc with one heap that keeps
 * every block up to 32 MiB and never trims ({@code MALLOC_ARENA_MAX=1}, {@code
 * MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_}, {@code MALLOC_TOP_PAD_}), whose
 * resident memory stays flat over a long run, while SPIN keeps its pair tensors below 32 MiB; {@code SPINJ_MALLOC=jemalloc} preloads jemalloc with decay
 * disabled instead (Debian: {@code libjemalloc2}), which grows for as long as the process
 * trains.
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
                    "MALLOC_ARENA_MAX", "MALLOC_MMAP_MAX_", "MALLOC_MMAP_THRESHOLD_",
                    "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_"
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

    /**
     * A warning when this process's allocator is known to be slow for large tensors: glibc
     * malloc with its default dynamic mmap threshold, which maps large blocks from the kernel
     * and returns them (and trims its heap) on free, so they are faulted in again on every use.
     *
     * @return the warning, or {@code null} when the allocator keeps freed blocks
     */
    public static String slowAllocatorWarning() {
        return slowAllocatorWarning(mappedAllocator(), System.getenv("MALLOC_MMAP_THRESHOLD_"),
                System.getenv("MALLOC_MMAP_MAX_"));
    }

    static String slowAllocatorWarning(String mapped, String mmapThreshold, String mmapMax) {
        if (mapped != null || mmapThreshold != null && !mmapThreshold.isBlank()
                || mmapMax != null && mmapMax.trim().equals("0")) {
            return null;
        }
        return "glibc malloc with its default settings returns large blocks to the kernel and"
                + " faults them in again on each use, which can make training several times"
                + " slower; run through ./spinj, or set MALLOC_ARENA_MAX=1"
                + " MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184";
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
