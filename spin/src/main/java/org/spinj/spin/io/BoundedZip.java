package org.spinj.spin.io;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.spinj.graph.io.Excerpt;

/**
 * Reads a zip archive as a stream within fixed bounds, so that no archive (a corrupt one, or a
 * "zip bomb" of a few megabytes that inflates to gigabytes) can exhaust memory: at most {@link
 * Limits#maxEntries} entries, at most {@link Limits#maxTotalBytes} uncompressed bytes in all,
 * and, once more than {@link Limits#ratioFloorBytes} bytes are out, no more than {@link
 * Limits#maxRatio} uncompressed bytes per compressed byte. Each entry is handed to a visitor as a
 * stream that enforces the bounds as it is read; the visitor bounds each entry further by what it
 * expects there (an array's declared shape, say). Breaking a bound throws an {@link
 * IllegalArgumentException} naming the source and the bound.
 */
final class BoundedZip {

    /**
     * The bounds of one archive.
     *
     * @param maxEntries the most entries
     * @param maxTotalBytes the most uncompressed bytes, all entries together
     * @param maxRatio the most uncompressed bytes per compressed byte, past the floor
     * @param ratioFloorBytes uncompressed bytes read before the ratio is checked (small entries
     *     of zeros compress well and are harmless)
     */
    record Limits(int maxEntries, long maxTotalBytes, double maxRatio, long ratioFloorBytes) {

        /**
         * The bounds of parameter archives: 65,536 entries, 1 GiB, a ratio of 200 past 16 MiB
         * (deflate cannot exceed about 1,032; arrays of trained floats compress about 1.1).
         */
        static final Limits DEFAULT = new Limits(65_536, 1L << 30, 200, 16L << 20);
    }

    /** Receives the entries of an archive, in archive order. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param name the entry's name
         * @param in its uncompressed bytes, bounded; need not be read to the end
         * @throws IOException if reading fails
         */
        void entry(String name, InputStream in) throws IOException;
    }

    private BoundedZip() {}

    /**
     * Streams the entries of an archive to a visitor, enforcing the bounds; an entry the visitor
     * does not read to the end is drained through the same bounds.
     *
     * @param raw the archive's bytes (not closed)
     * @param source what the archive is, for messages
     * @param limits the bounds
     * @param visitor receives each entry
     * @throws IllegalArgumentException naming {@code source} when a bound is broken
     * @throws ZipException if the archive is malformed
     * @throws IOException if reading fails
     */
    static void read(InputStream raw, String source, Limits limits, Visitor visitor)
            throws IOException {
        Counter counter = new Counter(raw);
        ZipInputStream zip = new ZipInputStream(counter);
        int entries = 0;
        long[] total = {0};
        ZipEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            entries++;
            if (entries > limits.maxEntries()) {
                throw new IllegalArgumentException(
                        source + " has more than " + limits.maxEntries() + " entries"
                                + " (a damaged or hostile archive?)");
            }
            Entry in = new Entry(zip, counter, total, source, entry.getName(), limits);
            visitor.entry(entry.getName(), in);
            in.drain();
        }
        if (entries == 0) {
            throw counter.count == 0 ? new EOFException("empty file")
                    : new ZipException("no zip entries found");
        }
    }

    /** Counts the compressed bytes taken from the file. */
    private static final class Counter extends FilterInputStream {
        long count;

        Counter(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += Math.max(0, s);
            return s;
        }

        @Override
        public void close() {
            // the caller owns the file
        }
    }

    /** One entry's bytes, counted against the archive's bounds. */
    private static final class Entry extends InputStream {
        private final ZipInputStream zip;
        private final Counter counter;
        private final long[] total;
        private final String source;
        private final String name;
        private final Limits limits;

        Entry(ZipInputStream zip, Counter counter, long[] total, String source, String name,
                Limits limits) {
            this.zip = zip;
            this.counter = counter;
            this.total = total;
            this.source = source;
            this.name = name;
            this.limits = limits;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = zip.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            total[0] += n;
            if (total[0] > limits.maxTotalBytes()) {
                throw new IllegalArgumentException(
                        source + " inflates to more than " + limits.maxTotalBytes()
                                + " bytes (entry " + quote(name)
                                + "); refusing a damaged or hostile archive");
            }
            if (total[0] > limits.ratioFloorBytes()
                    && total[0] > limits.maxRatio() * Math.max(1, counter.count)) {
                throw new IllegalArgumentException(
                        source + " inflates more than " + (long) limits.maxRatio()
                                + " times (entry " + quote(name) + ": " + total[0]
                                + " bytes out of " + counter.count
                                + " so far); refusing a zip bomb");
            }
        }

        /** Reads what the visitor left, through the bounds, with a small buffer. */
        void drain() throws IOException {
            byte[] buf = new byte[8192];
            while (read(buf, 0, buf.length) >= 0) {
                // counted by read
            }
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }
    }

    /**
     * @param name an entry's name
     * @return it quoted for a message, cut if long
     */
    static String quote(String name) {
        return "'" + Excerpt.of(name) + "'";
    }
}
