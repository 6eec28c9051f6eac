package org.spinj.datasets.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The records of a comma-separated file, each with its 1-based line number. Fields may be
 * quoted with {@code "} (a doubled {@code ""} inside quotes is one quote); a quoted field may
 * not span lines. Blank lines are skipped, a UTF-8 byte-order mark is dropped, and surrounding
 * spaces of unquoted fields are trimmed.
 *
 * @param file the file read
 * @param lines the 1-based line number of every record
 * @param fields the fields of every record
 */
public record CsvRecords(Path file, int[] lines, List<String[]> fields) {

    /** Validates and copies. */
    public CsvRecords {
        Objects.requireNonNull(file, "file");
        lines = lines.clone();
        fields = List.copyOf(fields);
    }

    /**
     * Reads every record of a file.
     *
     * @param file a UTF-8 CSV file
     * @return its records
     * @throws UncheckedIOException if the file cannot be read
     * @throws CsvFormatException on an unterminated quote, or if the file holds no record
     */
    public static CsvRecords read(Path file) {
        Objects.requireNonNull(file, "file");
        List<String[]> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int lineNo = 0;
            while ((text = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                rows.add(split(file, lineNo, text));
                numbers.add(lineNo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (rows.isEmpty()) {
            throw new CsvFormatException(file, 0, 0, "the file is empty, expected a header and data rows");
        }
        return new CsvRecords(file, numbers.stream().mapToInt(Integer::intValue).toArray(), rows);
    }

    static String[] split(Path file, int lineNo, String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (true) {
            cur.setLength(0);
            // skip spaces before a possible opening quote
            int j = i;
            while (j < n && text.charAt(j) == ' ') {
                j++;
            }
            if (j < n && text.charAt(j) == '"') {
                j++;
                boolean closed = false;
                while (j < n) {
                    char ch = text.charAt(j);
                    if (ch == '"') {
                        if (j + 1 < n && text.charAt(j + 1) == '"') {
                            cur.append('"');
                            j += 2;
                            continue;
                        }
                        closed = true;
                        j++;
                        break;
                    }
                    cur.append(ch);
                    j++;
                }
                if (!closed) {
                    throw new CsvFormatException(file, lineNo, out.size() + 1,
                            "unterminated quoted field, expected a closing '\"' on the same line");
                }
                while (j < n && text.charAt(j) == ' ') {
                    j++;
                }
                if (j < n && text.charAt(j) != ',') {
                    throw new CsvFormatException(file, lineNo, out.size() + 1,
                            "unexpected text after a quoted field, expected ',' or the end of the line");
                }
                out.add(cur.toString());
                i = j;
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                out.add(text.substring(i, end).trim());
                i = end;
            }
            if (i >= n) {
                break;
            }
            i++; // skip the comma
            if (i == n) {
                out.add("");
                break;
            }
        }
        return out.toArray(new String[0]);
    }

    @Override
    public int[] lines() {
        return lines.clone();
    }

    /** @return the number of records, header included */
    public int size() {
        return fields.size();
    }

    /**
     * @param k a record position
     * @return its 1-based line number
     */
    public int line(int k) {
        return lines[k];
    }

    /**
     * @param k a record position
     * @return its fields (shared; do not modify)
     */
    public String[] record(int k) {
        return fields.get(k);
    }
}
