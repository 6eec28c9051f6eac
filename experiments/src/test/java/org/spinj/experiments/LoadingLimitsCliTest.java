package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.io.Checkpoint;

/** Damaged, hostile or diverged model files end the command in one line with exit code 2. */
class LoadingLimitsCliTest {

    @TempDir Path dir;

    private static void oneLine(CliRun run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(SpinjCommand.EXIT_USAGE);
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).contains(expected).doesNotContain("at org.");
    }

    @Test
    void nonFiniteImportsAndZipBombsAreOneLineUsageErrors() throws IOException {
        Path ckpt = dir.resolve("model.ckpt");
        Path npz = dir.resolve("diverged.npz");
        ImputationTask task = TinySpin.task();
        try (ImputationModel model = TinySpin.untrained(task)) {
            model.save(ckpt, null);
            NDArray emb = model.network().logicalParameters().get("node_emb");
            float[] v = emb.toFloatArray();
            v[5] = Float.NaN;
            emb.set(v);
            model.exportParameters(npz);
        }
        oneLine(CliRun.of("params", "import", ckpt.toString(), npz.toString(), "--out",
                dir.resolve("new.ckpt").toString()),
                "spinj: parameter file " + npz + ": parameter 'node_emb' holds NaN at element 5");
        assertThat(dir.resolve("new.ckpt")).doesNotExist();

        // a few hundred kilobytes that inflate to gigabytes
        Path bomb = dir.resolve("bomb.ckpt");
        try (OutputStream os = Files.newOutputStream(bomb);
                ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry(Checkpoint.META_ENTRY));
            byte[] zeros = new byte[1 << 20];
            for (int k = 0; k < 64; k++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        oneLine(CliRun.of("params", "export", bomb.toString(), dir.resolve("out.npz").toString()),
                "spinj: checkpoint " + bomb + " inflates more than 200 times");
    }
}
