package org.spinj.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceSummaryTest {

    private static String ev(String name, int tid, double ts, double dur, String shape,
            String mem) {
        return "{\"name\": \"" + name + "\", \"ph\": \"X\", \"ts\": " + ts + ", \"dur\": " + dur
                + ", \"tid\": " + tid + ", \"pid\": \"CPU Functions\", \"shape\": " + shape
                + ", \"cpu mem\": \"" + mem + "\", \"args\": {}}";
    }

    @Test
    void selfTimeSubtractsNestedEventsPerThread(@TempDir Path dir) throws IOException {
        // thread 1: linear [0, 1000) contains matmul [100, 900) containing mm [200, 800);
        // then a 5-d mul [1000, 1500). Thread 2: an mm overlapping thread 1 in time.
        String json = "[" + String.join(",",
                ev("aten::linear", 1, 0, 1000, "[[2,3],[3,3]]", "0 b"),
                ev("aten::matmul", 1, 100, 800, "[[2,3],[3,3]]", "0 b"),
                ev("aten::mm", 1, 200, 600, "[[2,3],[3,3]]", "1.50 Mb"),
                ev("aten::mul", 1, 1000, 500, "[[2,4,5,4,8],[]]", "2.00 Mb"),
                ev("aten::mm", 2, 300, 100, "[[2,3],[3,3]]", "-1.00 Mb")) + "]";
        Path f = dir.resolve("trace.json");
        Files.writeString(f, json);
        TraceSummary t = TraceSummary.read(f);
        // self: linear 200, matmul 200, mm 600 + 100, mul 500 (microseconds)
        assertThat(t.totalMs()).isCloseTo(1.6, within(1e-9));
        assertThat(t.ops().get(0).name()).isEqualTo("aten::mm");
        assertThat(t.ops().get(0).calls()).isEqualTo(2);
        assertThat(t.ops().get(0).selfMs()).isCloseTo(0.7, within(1e-9));
        assertThat(t.ops().get(0).allocMb()).isCloseTo(1.5, within(1e-9)); // frees do not count
        assertThat(t.byCategory().get("matmul")).isCloseTo(1.1, within(1e-9));
        assertThat(t.byCategory().get("elementwise")).isCloseTo(0.5, within(1e-9));
        assertThat(t.pairMs()).isCloseTo(0.5, within(1e-9));
        assertThat(t.allocationByCategory().get("elementwise")).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void nestedAllocationsCountOnceSinceAParentsMemoryIncludesItsChildren(@TempDir Path dir)
            throws IOException {
        // libtorch's "cpu mem" is inclusive: matmul [0, 1000) allocates 3 Mb of which its mm
        // [100, 900) allocated 2 Mb; then add allocates 1 Mb and a free of -0.5 Mb follows
        String json = "[" + String.join(",",
                ev("aten::matmul", 1, 0, 1000, "[[2,3],[3,3]]", "3.00 Mb"),
                ev("aten::mm", 1, 100, 800, "[[2,3],[3,3]]", "2.00 Mb"),
                ev("aten::add", 1, 1000, 100, "[[2,3],[2,3]]", "1.00 Mb"),
                ev("aten::resize_", 1, 1200, 100, "[[2,3]]", "-0.50 Mb")) + "]";
        Path f = dir.resolve("trace.json");
        Files.writeString(f, json);
        TraceSummary t = TraceSummary.read(f);
        assertThat(t.allocatedMb()).isCloseTo(4.0, within(1e-9)); // 3 + 1, the free counts 0
        assertThat(t.allocationByCategory().get("matmul")).isCloseTo(3.0, within(1e-9));
        assertThat(t.ops()).filteredOn(o -> o.name().equals("aten::matmul"))
                .singleElement().satisfies(o -> assertThat(o.allocMb()).isEqualTo(1.0));
    }

    @Test
    void categoriesNameTheKindOfWork() {
        assertThat(TraceSummary.category("aten::bmm")).isEqualTo("matmul");
        assertThat(TraceSummary.category("aten::threshold_backward")).isEqualTo("elementwise");
        assertThat(TraceSummary.category("aten::index_add_")).isEqualTo("indexing/sparse");
        assertThat(TraceSummary.category("aten::copy_")).isEqualTo("copy/layout");
        assertThat(TraceSummary.category("aten::sum")).isEqualTo("reduction");
        assertThat(TraceSummary.category("MulBackward0")).isEqualTo("autograd bookkeeping");
        assertThat(TraceSummary.category("aten::empty")).isEqualTo("allocation/fill");
    }

    @Test
    void aFileThatIsNotATraceIsRejectedByName(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "not json {");
        assertThatThrownBy(() -> TraceSummary.read(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f.toString());
    }
}
