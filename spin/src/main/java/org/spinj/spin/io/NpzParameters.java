package org.spinj.spin.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipException;
import org.spinj.graph.io.AtomicFiles;
import org.spinj.graph.io.Excerpt;

/**
 * Parameters as a NumPy {@code .npz} archive, one entry per parameter named by its logical path
 * (the reference's {@code state_dict} key, such as {@code layers.0.cross_attention.lin_src.weight}),
 * so weights can be compared with PyTorch ({@code numpy.load}) or brought from it ({@code
 * numpy.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()})}).
 */
public final class NpzParameters {

    private NpzParameters() {}

    /**
     * Writes the arrays atomically (temporary file, then move): a crash never leaves a partial
     * file under {@code path}.
     *
     * @param path the {@code .npz} file
     * @param arrays arrays by entry name
     */
    public static void write(Path path, Map<String, NDArray> arrays) {
        byte[] bytes = encode(arrays);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /**
     * Encodes arrays as NPZ bytes, each entry named by its key (the arrays' own names are left
     * as they were).
     *
     * @param arrays arrays by entry name
     * @return the archive's bytes
     */
    public static byte[] encode(Map<String, NDArray> arrays) {
        NDList list = new NDList();
        Map<NDArray, String> previous = new IdentityHashMap<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            NDArray a = e.getValue();
            previous.put(a, a.getName());
            a.setName(e.getKey()); // NPZ entries are named after the arrays
            list.add(a);
        }
        try {
            return list.encode(NDList.Encoding.NPZ);
        } finally {
            previous.forEach(NDArray::setName);
        }
    }

    /**
     * Reads an archive written by {@link #write} or by {@code numpy.savez}, within the bounds of
     * {@link BoundedZip.Limits#DEFAULT}: every entry a {@code float32} or {@code float64} array
     * of finite values.
     *
     * @param path the {@code .npz} file
     * @param manager owner of the loaded arrays
     * @return arrays by entry name, in file order
     * @throws IllegalArgumentException if the file is missing, not a readable NPZ archive, beyond
     *     the bounds, or holds an integer array or a non-finite value (naming the entry)
     */
    public static Map<String, NDArray> read(Path path, NDManager manager) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            return decode(in, manager, "parameter file " + path, "is not a readable .npz archive",
                    NpyEntry.Kind.PARAMETERS, BoundedZip.Limits.DEFAULT);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("parameter file " + path + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read parameter file " + path, e);
        }
    }

    /**
     * Decodes an NPZ archive into arrays by entry name, within bounds: an array's bytes are read
     * only after its declared shape is checked against what the archive may hold.
     *
     * @param in the archive's bytes
     * @param manager owner of the arrays
     * @param source what the bytes are, for error messages
     * @param problem how to say that they cannot be decoded, after {@code source}
     * @param kind what the arrays may be
     * @param limits the archive's bounds
     * @return arrays by entry name, in archive order
     * @throws IllegalArgumentException naming {@code source} for undecodable bytes, an unnamed or
     *     repeated entry, a broken bound, a refused dtype or a non-finite value
     * @throws IOException if reading {@code in} fails
     */
    static Map<String, NDArray> decode(InputStream in, NDManager manager, String source,
            String problem, NpyEntry.Kind kind, BoundedZip.Limits limits) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        long[] left = {limits.maxTotalBytes()};
        try {
            BoundedZip.read(in, source, limits, (entry, bytes) -> {
                // numpy.savez names entries "<key>.npy"
                String name = entry.endsWith(".npy")
                        ? entry.substring(0, entry.length() - 4) : entry;
                if (name.isEmpty()) {
                    throw new IllegalArgumentException(source
                            + " has an unnamed entry; expected entries named by parameter path");
                }
                if (out.containsKey(name)) {
                    throw new IllegalArgumentException(
                            source + " has two entries named " + BoundedZip.quote(name));
                }
                NDArray a = NpyEntry.read(bytes, manager, source, name, kind, left[0]);
                left[0] -= a.getShape().size() * a.getDataType().getNumOfBytes();
                out.put(name, a);
            });
        } catch (ZipException | EOFException e) {
            throw new IllegalArgumentException(
                    source + " " + problem + " (" + Excerpt.of(e.getMessage()) + ")", e);
        }
        return out;
    }
}
