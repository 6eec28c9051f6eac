package org.spinj.temporal.models;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.spinj.graph.io.AtomicFiles;

/**
 * A single-file checkpoint of a {@link CheckpointedModel}: a header with the model kind and its
 * hyperparameters, then DJL's {@code saveParameters} stream. {@link #load} rebuilds the block
 * from the header, so the caller need not know the hyperparameters.
 *
 * <pre>
 *   "SPINJ-MODEL" | int version | UTF kind | int n | n x (UTF key, UTF value) | parameters
 * </pre>
 *
 * Writes are atomic: the bytes go to a temporary file in the target's folder, then it is moved
 * over the target, so a crash never leaves a half-written checkpoint.
 */
public final class ModelCheckpoint {

    private static final String MAGIC = "SPINJ-MODEL";
    private static final int VERSION = 1;

    private ModelCheckpoint() {}

    /**
     * Saves an initialised model.
     *
     * @param model the model, initialised
     * @param path the checkpoint file; its folder is created if needed
     * @return {@code path}
     * @throws UncheckedIOException naming the path if writing fails
     */
    public static Path save(CheckpointedModel model, Path path) {
        Objects.requireNonNull(model, "model");
        AtomicFiles.write(path, stream -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(model.kind());
            Map<String, String> hp = model.hyperparameters();
            out.writeInt(hp.size());
            for (Map.Entry<String, String> e : hp.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            model.saveParameters(out);
            out.flush();
        });
        return path;
    }

    /**
     * Loads a checkpoint: rebuilds the block from its kind and hyperparameters, initialises it on
     * {@code manager} and reads its parameters.
     *
     * @param path the checkpoint file
     * @param manager the manager that will own the parameters
     * @return the model
     * @throws UncheckedIOException naming the path if it cannot be read
     * @throws IllegalArgumentException if the file is not a spinj checkpoint or names an unknown
     *     kind
     */
    public static CheckpointedModel load(Path path, NDManager manager) {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            String magic = in.readUTF();
            int version = in.readInt();
            if (!MAGIC.equals(magic) || version != VERSION) {
                throw new IllegalArgumentException(path + " is not a spinj model checkpoint (header "
                        + magic + " v" + version + ", expected " + MAGIC + " v" + VERSION + ")");
            }
            String kind = in.readUTF();
            int n = in.readInt();
            Map<String, String> hp = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                hp.put(in.readUTF(), in.readUTF());
            }
            CheckpointedModel model = create(kind, hp);
            model.initialize(manager, DataType.FLOAT32, model.inputShapes(1));
            model.loadParameters(manager, in);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + path, e);
        } catch (MalformedModelException e) {
            throw new IllegalArgumentException("checkpoint " + path + " is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * @param kind a model kind
     * @param hp its hyperparameters
     * @return an untrained block of that kind
     * @throws IllegalArgumentException for an unknown kind
     */
    public static CheckpointedModel create(String kind, Map<String, String> hp) {
        return switch (kind) {
            case AttentionAnomalyDetector.KIND -> AttentionAnomalyDetector.fromHyperparameters(hp);
            case HybridCnnLstmAttention.KIND -> HybridCnnLstmAttention.fromHyperparameters(hp);
            case SignalEmbeddingNet.KIND -> SignalEmbeddingNet.fromHyperparameters(hp);
            default -> throw new IllegalArgumentException("unknown model kind '" + kind
                    + "', expected one of " + AttentionAnomalyDetector.KIND + ", "
                    + HybridCnnLstmAttention.KIND + ", " + SignalEmbeddingNet.KIND);
        };
    }
}
