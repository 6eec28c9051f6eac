package org.spinj.datasets.io;

import java.nio.file.Path;

/**
 * Bad input in a text data file: the message names the file, the 1-based line and column (field
 * number) and what was expected there.
 */
public final class CsvFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final int column;

    /**
     * @param file the file being read
     * @param line 1-based line number, or 0 when the problem is not on one line
     * @param column 1-based field number, or 0 when the problem is not in one field
     * @param message what was wrong and what was expected
     */
    public CsvFormatException(Path file, int line, int column, String message) {
        super(file + (line > 0 ? ":" + line : "") + (column > 0 ? ":" + column : "") + ": "
                + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** @return the file being read */
    public Path file() {
        return file;
    }

    /** @return the 1-based line, or 0 */
    public int line() {
        return line;
    }

    /** @return the 1-based column (field number), or 0 */
    public int column() {
        return column;
    }
}
