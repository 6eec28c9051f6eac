package org.spinj.temporal.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spinj.graph.io.AtomicFiles;

/**
 * A CSV of feature rows with a label column (seed 003's input): the header names the features
 * and the label column; class names are the distinct label values in order of first appearance.
 *
 * @param featureNames {@code [F]} feature column names
 * @param classNames {@code [K]} class names; label {@code k} is {@code classNames.get(k)}
 * @param data the rows and labels
 */
public record FeatureTable(List<String> featureNames, List<String> classNames, LabelledSeries data) {

    /** Copies the names and checks they fit the data. */
    public FeatureTable {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        if (featureNames.size() != data.length() * data.channels()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for rows of "
                    + data.length() * data.channels());
        }
        if (data.classes() > classNames.size()) {
            throw new IllegalArgumentException("labels reach " + (data.classes() - 1) + " but only "
                    + classNames.size() + " class names were given");
        }
    }

    /**
     * Reads a CSV (comma separated, no quoting, one header line).
     *
     * @param path the file
     * @param labelColumn the name of the label column
     * @return the table
     * @throws UncheckedIOException naming the path if it cannot be read
     * @throws IllegalArgumentException naming the file, line and column of a malformed cell
     */
    public static FeatureTable read(Path path, String labelColumn) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(path + " is empty, expected a header line");
        }
        String[] header = lines.get(0).split(",", -1);
        int label = List.of(header).indexOf(labelColumn);
        if (label < 0) {
            throw new IllegalArgumentException(path + ": no column '" + labelColumn + "' in header "
                    + lines.get(0));
        }
        List<String> features = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (c != label) {
                features.add(header[c].trim());
            }
        }
        Map<String, Integer> classes = new LinkedHashMap<>();
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int l = 1; l < lines.size(); l++) {
            if (lines.get(l).isBlank()) {
                continue;
            }
            String[] cells = lines.get(l).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(path + " line " + (l + 1) + ": " + cells.length
                        + " cells, expected " + header.length);
            }
            float[] row = new float[features.size()];
            int j = 0;
            for (int c = 0; c < cells.length; c++) {
                if (c == label) {
                    continue;
                }
                try {
                    row[j++] = Float.parseFloat(cells[c].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(path + " line " + (l + 1) + " column " + (c + 1)
                            + ": '" + cells[c] + "' is not a number");
                }
            }
            rows.add(row);
            labels.add(classes.computeIfAbsent(cells[label].trim(), k -> classes.size()));
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        return new FeatureTable(features, new ArrayList<>(classes.keySet()),
                new LabelledSeries(rows.toArray(new float[0][]), y, features.size(), 1));
    }

    /**
     * Writes the table as CSV with the label column last, atomically.
     *
     * @param path the file; its folder is created if needed
     * @param labelColumn the label column's name
     * @return {@code path}
     */
    public Path write(Path path, String labelColumn) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", featureNames) + "," + labelColumn);
        for (int i = 0; i < data.size(); i++) {
            StringBuilder sb = new StringBuilder();
            for (float v : data.samples()[i]) {
                sb.append(String.format(Locale.ROOT, "%.6g", v)).append(',');
            }
            lines.add(sb.append(classNames.get(data.labels()[i])).toString());
        }
        AtomicFiles.writeLines(path, lines);
        return path;
    }
}
