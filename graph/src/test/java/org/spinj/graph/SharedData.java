package org.spinj.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates a file under the shared data folder; skips the test when absent, fails under CI. */
final class SharedData {

    private SharedData() {}

    static Path require(String relative) {
        String root = System.getProperty("spinj.shared.data", "../../shared/data");
        Path p = Path.of(root).resolve(relative);
        boolean present = Files.isRegularFile(p);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("shared data file %s (CI=true)", p).isTrue();
        }
        assumeTrue(present, "shared data file " + p + " is absent; skipping");
        return p;
    }
}
