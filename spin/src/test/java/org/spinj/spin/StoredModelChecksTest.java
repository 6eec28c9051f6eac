package org.spinj.spin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.datasets.scale.AffineScaler;
import org.spinj.spin.io.Checkpoint;
import org.spinj.spin.io.NpzParameters;

/**
 * A stored model is checked before it is rebuilt: hyperparameters against the stored shapes and
 * graph (so an edited value never allocates its tables), and parameter values for NaN and
 * infinity, in checkpoints and in imported archives alike.
 */
class StoredModelChecksTest {

    @TempDir Path dir;

    private static final int N = 3;

    /** Saves a small initialised network as a checkpoint. */
    private Path saved(String name, ImputationNetwork net, Consumer<ImputationModel> change) {
        Engine.getInstance().setRandomSeed(11);
        NDManager m = NDManager.newBaseManager();
        Shape x = new Shape(1, 4, N, 1);
        net.initialize(m, DataType.FLOAT32, x, x, new Shape(1, 4, 4));
        Path path = dir.resolve(name);
        try (ImputationModel model = new ImputationModel(net, m, SpinModelTest.ring(N),
                new AffineScaler(new double[] {0}, new double[] {1}), 4, "toy")) {
            change.accept(model);
            model.save(path, null);
        }
        return path;
    }

    private static SpinModel spin() {
        return SpinModel.builder().setNumNodes(N)
                .optConfig(new SpinConfig(1, 4, 1, 1, 4, 1)).build();
    }

    /** Rewrites a checkpoint with its metadata edited. */
    private Path edited(Path ckpt, String name, Consumer<JsonObject> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(ckpt.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        JsonObject meta = new Gson().fromJson(
                new String(entries.get(Checkpoint.META_ENTRY), StandardCharsets.UTF_8),
                JsonObject.class);
        edit.accept(meta);
        entries.put(Checkpoint.META_ENTRY, meta.toString().getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(out);
                ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out;
    }

    private void refused(Path ckpt, String message) {
        assertThatThrownBy(() -> ImputationModel.load(ckpt, Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("checkpoint " + ckpt + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void editedSpinHyperparametersAreCheckedBeforeTheNetworkIsBuilt() throws IOException {
        Path ok = saved("ok.ckpt", spin(), model -> {});
        try (ImputationModel back = ImputationModel.load(ok, Device.cpu())) {
            assertThat(back.network().numNodes()).isEqualTo(N);
        }
        refused(edited(ok, "nodes.ckpt", m -> net(m).addProperty("num_nodes", 100_000_000)),
                "network.num_nodes = 100000000 does not match the stored model: expected 3"
                        + " (the graph's num_nodes)");
        refused(edited(ok, "hidden.ckpt", m -> net(m).addProperty("hidden_size", 1 << 30)),
                "network.hidden_size = 1073741824 does not match the stored model: expected 4"
                        + " (the columns of node_emb (3, 4))");
        refused(edited(ok, "layers.ckpt", m -> net(m).addProperty("layers", 100_000_000)),
                "network.layers = 100000000 does not match the stored model: expected 1");
        refused(edited(ok, "exo.ckpt", m -> net(m).addProperty("exogenous_size", 100_000_000)),
                "network.exogenous_size = 100000000 is out of range: expected 1..");
        refused(edited(ok, "eta.ckpt", m -> net(m).addProperty("eta", 5)),
                "network.eta = 5 is out of range: expected 0..1");
        refused(edited(ok, "graph.ckpt",
                m -> m.getAsJsonObject("graph").addProperty("num_nodes", 100_000_000)),
                "graph.num_nodes = 100000000 does not match the stored model: expected 3");
        refused(edited(ok, "window.ckpt", m -> m.addProperty("window", 2_000_000_000)),
                "window = 2000000000 is out of range: expected 1..");
        refused(edited(ok, "text.ckpt", m -> net(m).addProperty("hidden_size", "x".repeat(5000))),
                "network hyperparameter 'hidden_size' is not an integer: \"xxx");
    }

    @Test
    void editedSpinHHyperparametersAreCheckedAgainstTheHubs() throws IOException {
        Path ok = saved("h.ckpt", new SpinHierarchicalModel(N, 8, 16, 2, 1, 1), model -> {});
        refused(edited(ok, "hubs.ckpt", m -> net(m).addProperty("hubs", 1_000_000)),
                "network.hubs = 1000000 does not match the stored model: expected 2 (the first"
                        + " dimension of hubs (2, 3, 16))");
        refused(edited(ok, "hubsize.ckpt", m -> net(m).addProperty("hub_size", 1_000_000)),
                "network.hub_size = 1000000 does not match the stored model: expected 16");
    }

    private static JsonObject net(JsonObject meta) {
        return meta.getAsJsonObject("network");
    }

    private static void poison(ImputationModel model) {
        NDArray emb = model.network().logicalParameters().get("node_emb");
        float[] v = emb.toFloatArray();
        v[2] = Float.NaN;
        emb.set(v);
    }

    @Test
    void nonFiniteParametersAreRefusedAtLoadAndImportNamingThem() {
        Path ckpt = saved("nan.ckpt", spin(), StoredModelChecksTest::poison);
        assertThatThrownBy(() -> ImputationModel.load(ckpt, Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint " + ckpt + ": entry params.npz: parameter 'node_emb'"
                        + " holds NaN at element 2 of its shape (3, 4); non-finite values cannot"
                        + " be loaded (was it saved after training diverged?)");
        Path npz = dir.resolve("nan.npz");
        Path clean = saved("clean.ckpt", spin(), model -> {});
        saved("export.ckpt", spin(), model -> {
            poison(model);
            model.exportParameters(npz);
        });
        try (ImputationModel model = ImputationModel.load(clean, Device.cpu())) {
            assertThatThrownBy(() -> model.importParameters(npz))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("parameter file " + npz + ": parameter 'node_emb'"
                            + " holds NaN at element 2");
            // values handed over directly are checked as well
            try (NDManager m = NDManager.newBaseManager()) {
                Map<String, NDArray> values = new LinkedHashMap<>();
                model.network().logicalParameters().forEach((k, v) -> values.put(k, v.duplicate()));
                float[] inf = new float[12];
                Arrays.fill(inf, Float.POSITIVE_INFINITY);
                values.put("node_emb", m.create(inf, new Shape(N, 4)));
                assertThatThrownBy(() -> model.loadParameters(values, "source"))
                        .hasMessage("source: parameter 'node_emb' holds Infinity at element 0;"
                                + " non-finite values cannot be loaded");
            }
        }
    }

    @Test
    void anIntegerArrayInAnImportedArchiveIsAnErrorNamingIt() {
        Path clean = saved("int.ckpt", spin(), model -> {});
        Path npz = dir.resolve("int.npz");
        try (ImputationModel model = ImputationModel.load(clean, Device.cpu());
                NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> values = new LinkedHashMap<>(
                    model.network().logicalParameters());
            values.put("node_emb", m.create(new int[N * 4], new Shape(N, 4)));
            NpzParameters.write(npz, values);
            assertThatThrownBy(() -> model.importParameters(npz))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("parameter file " + npz + ": parameter 'node_emb'"
                            + " has integer dtype '<i4'; expected float32 or float64");
        }
    }
}
