package org.spinj.datasets;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates ../shared/data for tests: skips when absent, fails when env CI=true. */
public final class SharedData {

    private SharedData() {}

    /**
     * @param sub a folder under the shared data directory
     * @return its path
     */
    public static Path require(String sub) {
        String prop = System.getProperty("spinj.shared.data", "../../shared/data");
        Path dir = Paths.get(prop).resolve(sub);
        boolean present = Files.isDirectory(dir);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("shared data " + dir.toAbsolutePath()
                    + " is absent, and CI=true requires it (set -Dspinj.shared.data)");
        }
        assumeTrue(present, "shared data " + dir.toAbsolutePath() + " is absent; skipping");
        return dir;
    }
}
