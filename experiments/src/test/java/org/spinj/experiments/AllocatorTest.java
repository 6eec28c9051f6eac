package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllocatorTest {

    @Test
    void glibcWithItsDynamicThresholdIsWarnedAbout() {
        assertThat(Allocator.slowAllocatorWarning(null, null, null))
                .contains("MALLOC_MMAP_THRESHOLD_")
                .contains("./spinj");
        assertThat(Allocator.slowAllocatorWarning(null, " ", "65536")).isNotNull();
    }

    @Test
    void tunedGlibcAndPreloadedAllocatorsAreNot() {
        assertThat(Allocator.slowAllocatorWarning(null, "33554432", null)).isNull();
        assertThat(Allocator.slowAllocatorWarning(null, null, " 0 ")).isNull();
        assertThat(Allocator.slowAllocatorWarning("jemalloc (/usr/lib/libjemalloc.so.2)", null,
                null)).isNull();
    }
}
