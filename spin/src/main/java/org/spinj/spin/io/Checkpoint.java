package org.spinj.spin.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.spinj.graph.io.AtomicFiles;

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
     * Reads a checkpoint; arrays are created on {@code manager}.
     *
     * @param path the file
     * @param manager owner of the loaded arrays
     * @return the checkpoint
     * @throws IllegalArgumentException if the file is missing, truncated or not a spinj checkpoint
     */
    public static Checkpoint read(Path path, NDManager manager) {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(path);
                ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint " + path + " does not exist", e);
        } catch (ZipException | java.io.EOFException e) {
            throw new IllegalArgumentException(
                    "checkpoint " + path + " is truncated or not a spinj checkpoint (" + e.getMessage()
                            + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + path, e);
        }
        byte[] metaBytes = entries.get(META_ENTRY);
        if (metaBytes == null || !entries.containsKey(PARAMS_ENTRY)) {
            throw new IllegalArgumentException(
                    path + " is not a spinj checkpoint (expected entries " + META_ENTRY + " and "
                            + PARAMS_ENTRY + ", found " + entries.keySet() + ")");
        }
        JsonObject meta;
        try {
            meta = GSON.fromJson(new String(metaBytes, StandardCharsets.UTF_8), JsonObject.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(
                    "checkpoint " + path + " has unreadable metadata: " + e.getMessage(), e);
        }
        if (meta == null || !meta.has("format") || !FORMAT.equals(meta.get("format").getAsString())) {
            throw new IllegalArgumentException(
                    "checkpoint " + path + " has format "
                            + (meta == null || !meta.has("format") ? "none" : meta.get("format"))
                            + ", expected " + FORMAT);
        }
        return new Checkpoint(
                meta,
                decode(path, PARAMS_ENTRY, entries.get(PARAMS_ENTRY), manager),
                entries.containsKey(OPTIMIZER_ENTRY)
                        ? decode(path, OPTIMIZER_ENTRY, entries.get(OPTIMIZER_ENTRY), manager)
                        : Map.of());
    }

    private static Map<String, NDArray> decode(Path path, String entry, byte[] bytes, NDManager m) {
        String source = "checkpoint " + path + ": entry " + entry;
        try {
            return NpzParameters.decode(new ByteArrayInputStream(bytes), m, source, "is corrupt");
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is corrupt (" + e.getMessage() + ")", e);
        }
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
