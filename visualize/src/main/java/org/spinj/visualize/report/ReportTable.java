package org.spinj.visualize.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small table of a report, e.g. attention statistics per layer: a caption, column headers and
 * rows of already formatted cells.
 *
 * @param caption the caption shown above the table
 * @param columns the column headers, at least one; copied
 * @param rows the rows, each with one cell per column; copied
 */
public record ReportTable(String caption, List<String> columns, List<List<String>> rows)
        implements ReportItem {

    /** Checks that every row has one cell per column, and copies the lists. */
    public ReportTable {
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(rows, "rows");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table '" + caption + "' needs at least one column");
        }
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = Objects.requireNonNull(rows.get(r), "row " + r);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "table '" + caption + "': row " + r + " has " + row.size()
                                + " cells, expected one per column (" + columns.size() + ")");
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }
}
