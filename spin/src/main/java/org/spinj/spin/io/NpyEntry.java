package org.spinj.spin.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinj.graph.io.Excerpt;

/**
 * One array of an NPZ archive in the NumPy {@code .npy} format (versions 1 to 3), read within the
 * bytes its header declares: the data is read only after the shape and dtype are checked, and an
 * entry holding more bytes than its shape needs is refused. Floating-point arrays
 * ({@code float32}, {@code float64}) must hold finite values; integer arrays ({@code int32},
 * {@code int64}) are read only where they are {@link Kind#STATE allowed}.
 */
final class NpyEntry {

    /** What an archive may hold. */
    enum Kind {
        /** Model parameters: finite {@code float32} or {@code float64} values. */
        PARAMETERS("parameter"),
        /** Optimizer state: finite floats, or {@code int32}/{@code int64} counters. */
        STATE("array");

        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    /** The longest header read; NumPy itself refuses headers over 10,000 bytes by default. */
    static final int MAX_HEADER_BYTES = 65_536;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyEntry() {}

    /**
     * Reads one {@code .npy} entry into an array on {@code manager}.
     *
     * @param in the entry's bytes
     * @param manager owner of the array
     * @param source the archive, for messages
     * @param name the entry's name
     * @param kind what the archive may hold
     * @param maxBytes the most data bytes the entry may declare
     * @return the array, named {@code name}
     * @throws IllegalArgumentException naming {@code source} and {@code name} for a malformed
     *     header, an unsupported or integer dtype (for parameters), a shape beyond {@code
     *     maxBytes}, extra bytes after the data or a non-finite value
     * @throws EOFException if the entry ends before its data does
     * @throws IOException if reading fails
     */
    static NDArray read(InputStream in, NDManager manager, String source, String name, Kind kind,
            long maxBytes) throws IOException {
        String what = source + ": " + kind.noun + " '" + Excerpt.of(name) + "'";
        byte[] magic = readFully(in, 8, what);
        for (int k = 0; k < MAGIC.length; k++) {
            if (magic[k] != MAGIC[k]) {
                throw new IllegalArgumentException(what + " is not a .npy array (bad magic bytes)");
            }
        }
        int major = magic[6];
        long headerLen;
        if (major == 1) {
            byte[] len = readFully(in, 2, what);
            headerLen = (len[0] & 0xff) | (len[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] len = readFully(in, 4, what);
            headerLen = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        } else {
            throw new IllegalArgumentException(
                    what + " has .npy format version " + major + ", expected 1, 2 or 3");
        }
        if (headerLen > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException(what + " has a " + headerLen
                    + "-byte .npy header, expected at most " + MAX_HEADER_BYTES);
        }
        String header = new String(readFully(in, (int) headerLen, what),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, what, "descr");
        if (group(FORTRAN, header, what, "fortran_order").equals("True")) {
            throw new IllegalArgumentException(what + " is stored in Fortran order; expected C"
                    + " order (save numpy.ascontiguousarray(a))");
        }
        long[] dims = dims(group(SHAPE, header, what, "shape"), what);
        Shape shape = new Shape(dims);
        Dtype dtype = Dtype.of(descr, what, kind);
        long count = 1;
        long bytes;
        try {
            for (long d : dims) {
                count = Math.multiplyExact(count, d);
            }
            bytes = Math.multiplyExact(count, (long) dtype.size);
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > maxBytes || bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(what + " declares shape " + shape + " of "
                    + descr + ", " + (bytes == Long.MAX_VALUE ? "more than 2^63" : bytes)
                    + " bytes, more than the " + Math.min(maxBytes, Integer.MAX_VALUE - 16)
                    + " bytes an archive may hold");
        }
        byte[] data = readFully(in, (int) bytes, what);
        if (in.read() >= 0) {
            throw new IllegalArgumentException(what + " holds more bytes than its shape " + shape
                    + " of " + descr + " needs (" + bytes + "); refusing a damaged or hostile"
                    + " archive");
        }
        ByteBuffer buf = ByteBuffer.wrap(data).order(dtype.order);
        NDArray array;
        switch (dtype.kind) {
            case 'f' -> {
                if (dtype.size == 4) {
                    float[] v = new float[(int) count];
                    buf.asFloatBuffer().get(v);
                    for (int i = 0; i < v.length; i++) {
                        if (!Float.isFinite(v[i])) {
                            throw nonFinite(what, v[i], i, shape);
                        }
                    }
                    array = manager.create(v, shape);
                } else {
                    double[] v = new double[(int) count];
                    buf.asDoubleBuffer().get(v);
                    for (int i = 0; i < v.length; i++) {
                        if (!Double.isFinite(v[i])) {
                            throw nonFinite(what, v[i], i, shape);
                        }
                    }
                    array = manager.create(v, shape);
                }
            }
            default -> {
                if (dtype.size == 8) {
                    long[] v = new long[(int) count];
                    buf.asLongBuffer().get(v);
                    array = manager.create(v, shape);
                } else {
                    int[] v = new int[(int) count];
                    buf.asIntBuffer().get(v);
                    array = manager.create(v, shape);
                }
            }
        }
        array.setName(name);
        return array;
    }

    private static IllegalArgumentException nonFinite(String what, double v, int at, Shape shape) {
        return new IllegalArgumentException(what + " holds " + (Double.isNaN(v) ? "NaN" : v)
                + " at element " + at + " of its shape " + shape
                + "; non-finite values cannot be loaded (was it saved after training diverged?)");
    }

    /** A supported element type. */
    private record Dtype(char kind, int size, ByteOrder order) {

        static Dtype of(String descr, String what, Kind kind) {
            if (descr.length() >= 3 && "<>|=".indexOf(descr.charAt(0)) >= 0) {
                char k = descr.charAt(1);
                String size = descr.substring(2);
                ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN
                        : ByteOrder.LITTLE_ENDIAN;
                if (k == 'f' && (size.equals("4") || size.equals("8"))) {
                    return new Dtype('f', Integer.parseInt(size), order);
                }
                boolean integer = k == 'i' || k == 'u' || k == 'b';
                if (integer && kind == Kind.PARAMETERS) {
                    throw new IllegalArgumentException(what + " has integer dtype '" + descr
                            + "'; expected float32 or float64 parameter values (convert it"
                            + " with a.astype(numpy.float32))");
                }
                if (k == 'i' && (size.equals("4") || size.equals("8"))) {
                    return new Dtype('i', Integer.parseInt(size), order);
                }
            }
            throw new IllegalArgumentException(what + " has dtype '" + Excerpt.of(descr)
                    + "'; expected float32 or float64" + (kind == Kind.STATE
                    ? ", int32 or int64" : ""));
        }
    }

    private static String group(Pattern p, String header, String what, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(
                    what + " has a .npy header without a readable '" + key + "': "
                            + Excerpt.of(header.strip()));
        }
        return m.group(1);
    }

    private static long[] dims(String text, String what) {
        String[] parts = text.split(",");
        int n = 0;
        long[] dims = new long[parts.length];
        for (String p : parts) {
            String t = p.strip();
            if (t.isEmpty()) {
                continue; // "(3,)" and "()"
            }
            try {
                dims[n] = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                dims[n] = -1;
            }
            if (dims[n] < 0) {
                throw new IllegalArgumentException(what + " has shape (" + Excerpt.of(text)
                        + "), expected non-negative integers");
            }
            n++;
        }
        return java.util.Arrays.copyOf(dims, n);
    }

    /**
     * Reads {@code n} bytes, growing the buffer as they arrive, so that a header that declares
     * more than the entry holds costs only what is there.
     */
    private static byte[] readFully(InputStream in, int n, String what) throws IOException {
        byte[] b = new byte[Math.min(n, 1 << 20)];
        int at = 0;
        while (at < n) {
            if (at == b.length) {
                b = java.util.Arrays.copyOf(b, (int) Math.min(n, 2L * b.length));
            }
            int r = in.read(b, at, b.length - at);
            if (r < 0) {
                throw new EOFException(what + " ends after " + at + " of " + n + " bytes");
            }
            at += r;
        }
        return b;
    }
}
