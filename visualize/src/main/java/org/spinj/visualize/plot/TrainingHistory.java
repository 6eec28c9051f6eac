package org.spinj.visualize.plot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The per-epoch metrics of a training run, as written to its {@code metrics.csv}: header {@code
 * epoch,train_loss,val_mae,lr,elapsed_s} (any column order; extra columns are ignored).
 *
 * @param epoch {@code [K]} epoch numbers
 * @param trainLoss {@code [K]} training loss
 * @param valMae {@code [K]} validation MAE; NaN where the CSV cell is empty (no validation
 *     that epoch)
 * @param learningRate {@code [K]} learning rate
 * @param elapsedSeconds {@code [K]} wall time since the start of training
 */
public record TrainingHistory(
        int[] epoch, double[] trainLoss, double[] valMae, double[] learningRate,
        double[] elapsedSeconds) {

    /** The columns a metrics file must have. */
    public static final List<String> COLUMNS =
            List.of("epoch", "train_loss", "val_mae", "lr", "elapsed_s");

    /** Validates the lengths and copies the arrays. */
    public TrainingHistory {
        int k = Objects.requireNonNull(epoch, "epoch").length;
        if (trainLoss.length != k || valMae.length != k || learningRate.length != k
                || elapsedSeconds.length != k) {
            throw new IllegalArgumentException(
                    "every metric needs one value per epoch (" + k + "), got train_loss "
                            + trainLoss.length + ", val_mae " + valMae.length + ", lr "
                            + learningRate.length + ", elapsed_s " + elapsedSeconds.length);
        }
        epoch = epoch.clone();
        trainLoss = trainLoss.clone();
        valMae = valMae.clone();
        learningRate = learningRate.clone();
        elapsedSeconds = elapsedSeconds.clone();
    }

    /** @return the number of epochs {@code K} */
    public int size() {
        return epoch.length;
    }

    /**
     * Reads a metrics file.
     *
     * @param path the CSV file
     * @return the history, in file order
     * @throws IllegalArgumentException naming the file, line and column on a missing column, a
     *     row with too few fields or a value that is not a number
     * @throws UncheckedIOException naming the file if it cannot be read
     */
    public static TrainingHistory read(Path path) {
        Objects.requireNonNull(path, "path");
        List<String[]> rows = new ArrayList<>();
        String[] header;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new IllegalArgumentException(path + " is empty, expected a header line "
                        + String.join(",", COLUMNS));
            }
            header = first.strip().split(",", -1);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(line.isBlank() ? null : line.split(",", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        int[] col = new int[COLUMNS.size()];
        for (int c = 0; c < col.length; c++) {
            col[c] = Arrays.asList(header).indexOf(COLUMNS.get(c));
            if (col[c] < 0) {
                throw new IllegalArgumentException(path + " line 1: missing column '"
                        + COLUMNS.get(c) + "', header is " + Arrays.toString(header));
            }
        }
        int needed = Arrays.stream(col).max().getAsInt() + 1;
        List<double[]> values = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            String[] f = rows.get(r);
            int line = r + 2;
            if (f == null) {
                continue;
            }
            if (f.length < needed) {
                throw new IllegalArgumentException(path + " line " + line + ": " + f.length
                        + " fields, expected at least " + needed);
            }
            double[] v = new double[COLUMNS.size()];
            for (int c = 0; c < v.length; c++) {
                v[c] = parse(path, line, COLUMNS.get(c), f[col[c]].strip());
            }
            values.add(v);
        }
        int k = values.size();
        int[] epoch = new int[k];
        double[][] m = new double[4][k];
        for (int i = 0; i < k; i++) {
            epoch[i] = (int) values.get(i)[0];
            for (int c = 0; c < 4; c++) {
                m[c][i] = values.get(i)[c + 1];
            }
        }
        return new TrainingHistory(epoch, m[0], m[1], m[2], m[3]);
    }

    private static double parse(Path path, int line, String column, String text) {
        if (text.isEmpty() && column.equals("val_mae")) {
            return Double.NaN;
        }
        String where = path + " line " + line + ", column '" + column + "': '" + text + "'";
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(where + " is not finite");
            }
            if (column.equals("epoch") && v != Math.rint(v)) {
                throw new IllegalArgumentException(where + " is not a whole epoch number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " is not a number", e);
        }
    }
}
