package org.spinj.experiments;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.Networks;
import org.spinj.spin.SpinHierarchicalModel;
import org.spinj.spin.SpinModel;
import org.spinj.spin.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinj summary}: SPIN's or SPIN-H's parameters layer by layer (like torchinfo) for a
 * dataset's node count, and an estimate of the activation memory of one training step from the
 * dataset's {@code N}, {@code E} and the window {@code T} ({@link ActivationEstimate}, {@link
 * HierarchicalActivationEstimate}).
 */
@Command(
        name = "summary",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = {
            "Print SPIN's (or SPIN-H's) parameters layer by layer and their total for a dataset, and an",
            "estimate of the activation memory of one training step (fp32)."
        })
public final class SummaryCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin DataOptions data;

    @Option(
            names = "--model",
            paramLabel = "spin|spin-h",
            description = "The network (default: ${DEFAULT-VALUE}).")
    String model = "spin";

    @Option(names = "--hidden", paramLabel = "D", description = "SPIN's hidden size d (default: 32).")
    Integer hidden;

    @Option(names = "--layers", paramLabel = "L", description = "SPIN's layers L (default: 4).")
    Integer layers;

    @Option(names = "--eta", paramLabel = "ETA", description = "First layer of phase two (default: L - 1).")
    Integer eta;

    @Option(names = "--batch-size", description = "Windows per step (default: 8, as 4 micro-batches of 2).")
    Integer batchSize;

    @Option(names = "--micro-batches", description = "Gradient-accumulation micro-batches per step (default: 1 with --batch-size).")
    Integer microBatches;

    @Override
    public Integer call() {
        ModelChoice choice = new ModelChoice(model);
        if (!choice.isNetwork()) {
            throw new IllegalArgumentException(
                    "--model " + choice.name() + " is a baseline without parameters; summary"
                            + " describes the network spin");
        }
        TrainOptions t = new TrainOptions();
        t.budget = "paper"; // the paper's sizes unless the options below change them
        t.hidden = hidden;
        t.layers = layers;
        t.eta = eta;
        t.batchSize = batchSize;
        t.microBatches = microBatches;
        SpinConfig cfg = t.spinConfig(choice.name());
        TrainingOptions options = t.trainingOptions();
        ImputationTask task = TaskPreparation.prepare(data.spec());
        int n = task.series().numNodes();
        int e = task.graph().numEdges();
        int steps = task.window();
        PrintWriter out = spec.commandLine().getOut();
        int micro = options.batchSize() / options.microBatches();
        if (choice.name().equals(Networks.SPIN_H)) {
            SpinHierarchicalModel net = Experiment.hierarchical(n, cfg);
            JsonObject hp = net.hyperparameters();
            out.println(String.format(Locale.ROOT,
                    "SPIN-H on %s: N = %d nodes, E = %d edges, T = %d steps, %s", task.name(), n,
                    e, steps, hp));
            long total;
            try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
                Shape x = new Shape(1, steps, n, 1);
                net.initialize(m, DataType.FLOAT32, x, x, new Shape(1, steps, 4));
                ParameterTable table = ParameterTable.of(net.logicalParameters());
                table.print(out);
                total = table.total();
            }
            HierarchicalActivationEstimate perMicro = new HierarchicalActivationEstimate(micro,
                    steps, n, e, hp.get("hidden_size").getAsInt(), hp.get("hub_size").getAsInt(),
                    hp.get("hubs").getAsInt(), hp.get("layers").getAsInt());
            HierarchicalActivationEstimate whole = perMicro.withBatch(options.batchSize());
            printEstimate(out, perMicro.terms(), options, total,
                    new long[] {perMicro.activationBytes(), perMicro.backwardPeakBytes()},
                    new long[] {whole.activationBytes(), whole.backwardPeakBytes()});
            out.flush();
            return 0;
        }
        out.println(String.format(Locale.ROOT,
                "SPIN on %s: N = %d nodes, E = %d edges, T = %d steps, d = %d, L = %d, eta = %d",
                task.name(), n, e, steps, cfg.hiddenSize(), cfg.layers(), cfg.eta()));
        ParameterTable table = parameters(cfg, n, steps);
        table.print(out);
        ActivationEstimate perMicro =
                new ActivationEstimate(micro, steps, n, e, cfg.hiddenSize(), cfg.layers());
        ActivationEstimate whole = perMicro.withBatch(options.batchSize());
        printEstimate(out, perMicro.terms(), options, table.total(),
                new long[] {perMicro.activationBytes(), perMicro.backwardPeakBytes()},
                new long[] {whole.activationBytes(), whole.backwardPeakBytes()});
        out.flush();
        return 0;
    }

    /**
     * Builds and initialises SPIN on the CPU and tabulates its parameters.
     *
     * @param cfg the hyperparameters
     * @param nodes {@code N}
     * @param steps {@code T}
     * @return the table
     */
    static ParameterTable parameters(SpinConfig cfg, int nodes, int steps) {
        SpinModel net = SpinModel.builder().setNumNodes(nodes).optConfig(cfg).build();
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Shape x = new Shape(1, steps, nodes, cfg.inputSize());
            net.initialize(m, DataType.FLOAT32, x, x, new Shape(1, steps, cfg.exogenousSize()));
            return ParameterTable.of(net.logicalParameters());
        }
    }

    /**
     * @param terms the micro-batch's terms
     * @param micro activation and backward-peak bytes of one micro-batch
     * @param whole the same for the whole batch in one pass
     */
    private static void printEstimate(PrintWriter out, List<ActivationEstimate.Term> terms,
            TrainingOptions options, long params, long[] micro, long[] whole) {
        int microBatch = options.batchSize() / options.microBatches();
        out.println("Activation memory of one training step: an ESTIMATE from tensor shapes (fp32)");
        out.println(String.format(Locale.ROOT, "%-48s %-22s %5s %12s", "tensors (all layers)",
                "shape (micro-batch)", "count", "fp32"));
        for (ActivationEstimate.Term term : terms) {
            out.println(String.format(Locale.ROOT, "%-48s %-22s %5d %12s", term.what(),
                    term.shape(), term.count(), ActivationEstimate.formatBytes(term.bytes())));
        }
        out.println(String.format(Locale.ROOT,
                "estimated activations per micro-batch (B = %d, %d micro-batch%s of a batch of %d):"
                        + " %s (+ %s briefly in backward)",
                microBatch, options.microBatches(), options.microBatches() == 1 ? "" : "es",
                options.batchSize(), ActivationEstimate.formatBytes(micro[0]),
                ActivationEstimate.formatBytes(micro[1])));
        out.println(String.format(Locale.ROOT,
                "estimated activations for the whole batch in one pass (B = %d): %s (+ %s briefly"
                        + " in backward)",
                options.batchSize(), ActivationEstimate.formatBytes(whole[0]),
                ActivationEstimate.formatBytes(whole[1])));
        out.println(String.format(Locale.ROOT,
                "parameters, gradients and Adam moments: %s",
                ActivationEstimate.formatBytes(4L * params * Float.BYTES)));
        out.println("(an estimate: counts marked approx. are rounded; on AQI-36, bench scaling"
                + " measured peak memory growing 1.6-2.3 times as fast with B and T, as the"
                + " backward pass also holds gradients)");
    }
}
