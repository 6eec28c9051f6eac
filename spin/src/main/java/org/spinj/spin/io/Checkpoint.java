package org.spinj.spin.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.spinj.graph.io.AtomicFiles;
import org.spinj.graph.io.Excerpt;

/**
 * A spinj checkpoint file: a zip holding {@value #META_ENTRY} (format, model hyperparameters,
 * dataset, graph fingerprint, scaler, epoch, RNG seeds: whatever the writer puts in the JSON), the
 * model parameters as NPZ named by parameter path ({@value #PARAMS_ENTRY}, readable by numpy) and
 * optionally optimizer state as NPZ ({@value #OPTIMIZER_ENTRY}). Written atomically; reading a
 * truncated or foreign file fails with a message naming it.
 */
public final class Checkpoint {

    /** The JSON metadata entry. */
    public static final String META_ENTRY = "spinj-checkpoint.json";
    /** The model parameters entry. */
    public static final String PARAMS_ENTRY = "params.npz";
    /** The optimizer state entry. */
    public static final String OPTIMIZER_ENTRY = "optimizer.npz";
    /** The format identifier stored under {@code "format"} in the metadata. */
    public static final String FORMAT = "spinj-checkpoint/1";

    /** The most entries a checkpoint may hold. */
    public static final int MAX_ENTRIES = 16;
    /** The largest metadata entry, in bytes. */
    public static final int MAX_META_BYTES = 64 << 20;

    /** Bounds of the outer archive: its entries hold archives bounded on their own. */
    private static final BoundedZip.Limits OUTER_LIMITS =
            new BoundedZip.Limits(MAX_ENTRIES, 3L << 30, 200, 16L << 20);

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final JsonObject meta;
    private final Map<String, NDArray> params;
    private final Map<String, NDArray> optimizer;

    private Checkpoint(JsonObject meta, Map<String, NDArray> params, Map<String, NDArray> opt) {
        this.meta = meta;
        this.params = params;
        this.optimizer = opt;
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param path the file
     * @param meta metadata; {@code "format"} is added
     * @param params parameters by path
     * @param optimizer optimizer state by name, may be empty
     */
    public static void write(
            Path path, JsonObject meta, Map<String, NDArray> params, Map<String, NDArray> optimizer) {
        Objects.requireNonNull(meta, "meta");
        JsonObject m = meta.deepCopy();
        m.addProperty("format", FORMAT);
        byte[] metaBytes = GSON.toJson(m).getBytes(StandardCharsets.UTF_8);
        byte[] paramBytes = NpzParameters.encode(params);
        byte[] optBytes = optimizer == null || optimizer.isEmpty() ? null : NpzParameters.encode(optimizer);
        AtomicFiles.write(
                path,
                out -> {
                    try (ZipOutputStream zip = new ZipOutputStream(out)) {
                        put(zip, META_ENTRY, metaBytes);
                        put(zip, PARAMS_ENTRY, paramBytes);
                        if (optBytes != null) {
                            put(zip, OPTIMIZER_ENTRY, optBytes);
                        }
                    }
                });
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads a checkpoint; arrays are created on {@code manager}. The file is read as a stream
     * within bounds, so that no file exhausts memory: at most {@value #MAX_ENTRIES} entries, a
     * metadata entry of at most {@value #MAX_META_BYTES} bytes, parameter and optimizer archives
     * as {@link NpzParameters#read} bounds them (each array read only after its declared shape is
     * checked), and no entry inflating more than a zip bomb would. Parameters must be finite
     * {@code float32} or {@code float64} arrays.
     *
     * @param path the file
     * @param manager owner of the loaded arrays
     * @return the checkpoint
     * @throws IllegalArgumentException if the file is missing, truncated, beyond the bounds, not
     *     a spinj checkpoint, or holds an integer or non-finite parameter (naming it)
     */
    public static Checkpoint read(Path path, NDManager manager) {
        String source = "checkpoint " + path;
        Map<String, Object> entries = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            BoundedZip.read(in, source, OUTER_LIMITS, (name, entry) -> {
                if (entries.containsKey(name)) {
                    throw new IllegalArgumentException(
                            source + " has two entries named " + BoundedZip.quote(name));
                }
                switch (name) {
                    case META_ENTRY -> entries.put(name, readMeta(entry, source));
                    case PARAMS_ENTRY -> entries.put(name, decode(source, name, entry, manager,
                            NpyEntry.Kind.PARAMETERS));
                    case OPTIMIZER_ENTRY -> entries.put(name, decode(source, name, entry,
                            manager, NpyEntry.Kind.STATE));
                    default -> entries.put(name, null); // not ours: drained within the bounds
                }
            });
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint " + path + " does not exist", e);
        } catch (ZipException | java.io.EOFException e) {
            throw new IllegalArgumentException(
                    "checkpoint " + path + " is truncated or not a spinj checkpoint ("
                            + Excerpt.of(e.getMessage()) + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + path, e);
        }
        byte[] metaBytes = (byte[]) entries.get(META_ENTRY);
        if (metaBytes == null || entries.get(PARAMS_ENTRY) == null) {
            List<String> found = entries.keySet().stream().map(Excerpt::of).toList();
            throw new IllegalArgumentException(
                    path + " is not a spinj checkpoint (expected entries " + META_ENTRY + " and "
                            + PARAMS_ENTRY + ", found " + found + ")");
        }
        JsonObject meta;
        try {
            meta = GSON.fromJson(new String(metaBytes, StandardCharsets.UTF_8), JsonObject.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(
                    "checkpoint " + path + " has unreadable metadata: "
                            + Excerpt.of(e.getMessage()), e);
        }
        if (meta == null || !meta.has("format") || !FORMAT.equals(meta.get("format").getAsString())) {
            throw new IllegalArgumentException(
                    "checkpoint " + path + " has format "
                            + (meta == null || !meta.has("format") ? "none"
                                    : Excerpt.of(meta.get("format").toString()))
                            + ", expected " + FORMAT);
        }
        @SuppressWarnings("unchecked")
        Map<String, NDArray> params = (Map<String, NDArray>) entries.get(PARAMS_ENTRY);
        @SuppressWarnings("unchecked")
        Map<String, NDArray> opt = (Map<String, NDArray>) entries.get(OPTIMIZER_ENTRY);
        return new Checkpoint(meta, params, opt == null ? Map.of() : opt);
    }

    private static byte[] readMeta(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes(MAX_META_BYTES + 1);
        if (bytes.length > MAX_META_BYTES) {
            throw new IllegalArgumentException(source + ": entry " + META_ENTRY
                    + " is larger than " + MAX_META_BYTES + " bytes (a damaged or hostile file?)");
        }
        return bytes;
    }

    private static Map<String, NDArray> decode(String source, String entry, InputStream in,
            NDManager m, NpyEntry.Kind kind) throws IOException {
        return NpzParameters.decode(in, m, source + ": entry " + entry, "is corrupt", kind,
                BoundedZip.Limits.DEFAULT);
    }

    /** @return a copy of the metadata */
    public JsonObject meta() {
        return meta.deepCopy();
    }

    /** @return the parameters by path (arrays owned by the manager given to {@link #read}) */
    public Map<String, NDArray> params() {
        return Map.copyOf(params);
    }

    /** @return the optimizer state by name, empty if none was saved */
    public Map<String, NDArray> optimizer() {
        return Map.copyOf(optimizer);
    }
}
