package org.spinj.experiments;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.spinj.spin.eval.ImputationMetrics;
import org.spinj.graph.io.AtomicFiles;

/**
 * The folder of one run, {@code <out>/<dataset>/<model>/<yyyyMMdd-HHmmss>/}:
 *
 * <pre>
 *   config.json         every effective option
 *   metrics.csv         per epoch (networks; written by the trainer)
 *   checkpoints/        last.ckpt, best.ckpt (trainer), model.ckpt (final, with node ids)
 *   test-metrics.json   test MAE, MSE, RMSE, MRE over windows and over points
 *   report.html         the self-contained report
 * </pre>
 *
 * @param dir the folder
 */
public record RunDirectory(Path dir) {

    /** The configuration file. */
    public static final String CONFIG = "config.json";
    /** The test metrics file. */
    public static final String TEST_METRICS = "test-metrics.json";
    /** The final model checkpoint, with the node ids and frequency {@code impute} checks. */
    public static final String MODEL = "checkpoints/model.ckpt";
    /** The report. */
    public static final String REPORT = "report.html";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * Creates a new, empty run folder.
     *
     * @param out the runs root
     * @param dataset the dataset name
     * @param model the model name
     * @return the run
     */
    public static RunDirectory create(Path out, String dataset, String model) {
        Path base = out.resolve(dataset).resolve(model);
        String stamp = LocalDateTime.now().format(STAMP);
        Path dir = base.resolve(stamp);
        for (int k = 2; Files.exists(dir); k++) {
            dir = base.resolve(stamp + "-" + k);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir + ": "
                    + org.spinj.graph.io.AtomicFiles.reason(e), e);
        }
        return new RunDirectory(dir);
    }

    /**
     * Opens an existing run.
     *
     * @param dir the folder
     * @return the run
     * @throws IllegalArgumentException if it has no {@value #CONFIG}
     */
    public static RunDirectory open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new IllegalArgumentException(
                    dir + " is not a spinj run directory (no " + CONFIG + ")");
        }
        // temporary files of writes a crash cut short; a read-only run keeps them
        for (Path d : new Path[] {dir, dir.resolve("checkpoints")}) {
            if (Files.isWritable(d)) {
                try {
                    org.spinj.graph.io.AtomicFiles.removeOrphans(d);
                } catch (UncheckedIOException e) {
                    // cleaning is a courtesy: the run itself is intact
                }
            }
        }
        return new RunDirectory(dir);
    }

    /** @param name a file in the run @return its path */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** @param json the configuration */
    public void writeConfig(JsonObject json) {
        writeJson(CONFIG, json);
    }

    /** @return the stored configuration */
    public JsonObject config() {
        return readJson(CONFIG);
    }

    /**
     * @param name a file in the run
     * @param json its content
     */
    public void writeJson(String name, JsonElement json) {
        AtomicFiles.writeString(dir.resolve(name), GSON.toJson(json) + "\n");
    }

    /**
     * @param name a JSON file in the run
     * @return its content
     */
    public JsonObject readJson(String name) {
        Path p = dir.resolve(name);
        try {
            return JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(p + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    /**
     * @param m metrics
     * @return them as a JSON object
     */
    public static JsonObject toJson(ImputationMetrics m) {
        JsonObject o = new JsonObject();
        o.addProperty("mae", m.mae());
        o.addProperty("mse", m.mse());
        o.addProperty("rmse", m.rmse());
        o.addProperty("mre", m.mre());
        o.addProperty("count", m.count());
        return o;
    }
}
