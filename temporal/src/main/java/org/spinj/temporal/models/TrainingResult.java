package org.spinj.temporal.models;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spinj.graph.io.AtomicFiles;

/**
 * What a training run did: the per-epoch history, and the epoch whose weights were restored.
 *
 * @param history one record per epoch run
 * @param bestEpoch the epoch with the lowest validation loss (its weights are the model's now)
 * @param stoppedEarly whether early stopping ended the run before the epoch budget
 */
public record TrainingResult(List<EpochRecord> history, int bestEpoch, boolean stoppedEarly) {

    /** Copies the history. */
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** @return the best epoch's record */
    public EpochRecord best() {
        return history.get(bestEpoch - 1);
    }

    /**
     * Writes the history as CSV ({@link EpochRecord#CSV_HEADER}), atomically.
     *
     * @param path the CSV file; its folder is created if needed
     * @return {@code path}
     * @throws UncheckedIOException naming the path if writing fails
     */
    public Path writeCsv(Path path) {
        List<String> lines = new ArrayList<>();
        lines.add(EpochRecord.CSV_HEADER);
        history.forEach(r -> lines.add(r.csvLine()));
        AtomicFiles.writeLines(path, lines);
        return path;
    }
}
