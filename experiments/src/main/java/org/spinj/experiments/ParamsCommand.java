package org.spinj.experiments;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spinj.spin.ImputationModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spinj params}: a trained model's parameters as a NumPy {@code .npz} archive named by
 * parameter path, out of a checkpoint ({@code export}) or into one ({@code import}), to compare
 * weights with the PyTorch reference or to bring weights from it.
 */
@Command(
        name = "params",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = {
            "Export a checkpoint's parameters to .npz (named by parameter path), or import",
            "parameters from .npz (e.g. numpy.savez of a PyTorch state_dict) into a checkpoint."
        },
        subcommands = {ParamsCommand.Export.class, ParamsCommand.Import.class})
public final class ParamsCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Resolves a run directory to its final model, or takes a checkpoint file as is. */
    static Path checkpoint(Path target) {
        if (Files.isDirectory(target)) {
            Path model = RunDirectory.open(target).resolve(RunDirectory.MODEL);
            if (!Files.isRegularFile(model)) {
                throw new IllegalArgumentException(
                        target + " has no final model (" + RunDirectory.MODEL + ")");
            }
            return model;
        }
        if (!Files.isRegularFile(target)) {
            throw new IllegalArgumentException(target + ": no such run directory or checkpoint");
        }
        return target;
    }

    /** {@code spinj params export RUN_DIR|CHECKPOINT FILE.npz}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the parameters of a run or checkpoint to a .npz archive.")
    static final class Export implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT", description = "A run directory or a .ckpt file.")
        Path target;

        @Parameters(index = "1", paramLabel = "FILE.npz", description = "The archive to write.")
        Path npz;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ImputationModel model = ImputationModel.load(checkpoint(target),
                    EngineSetup.resolveDevice(GlobalOptions.of(spec).device()))) {
                model.exportParameters(npz);
                long values = 0;
                Map<String, ai.djl.ndarray.NDArray> p = model.network().logicalParameters();
                for (ai.djl.ndarray.NDArray a : p.values()) {
                    values += a.size();
                }
                out.println("wrote " + p.size() + " parameters (" + values + " values) to " + npz);
            }
            out.flush();
            return 0;
        }
    }

    /** {@code spinj params import CHECKPOINT FILE.npz --out NEW.ckpt}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Load a .npz archive into a checkpoint's model and save it as a new checkpoint.")
    static final class Import implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT",
                description = "The model whose architecture, graph and scaler the parameters fit.")
        Path target;

        @Parameters(index = "1", paramLabel = "FILE.npz", description = "The parameters, named by path.")
        Path npz;

        @Option(names = "--out", required = true, paramLabel = "NEW.ckpt",
                description = "The checkpoint to write (never the input: that stays as it was).")
        Path out;

        @Override
        public Integer call() {
            Path source = checkpoint(target);
            if (Files.exists(out) && source.toAbsolutePath().normalize()
                    .equals(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException(
                        "--out " + out + " is the input checkpoint; write to a new file");
            }
            try (ImputationModel model = ImputationModel.load(source,
                    EngineSetup.resolveDevice(GlobalOptions.of(spec).device()))) {
                model.importParameters(npz);
                com.google.gson.JsonObject extra = new com.google.gson.JsonObject();
                extra.addProperty("imported_parameters", npz.toAbsolutePath().toString());
                model.save(out, extra);
            }
            PrintWriter w = spec.commandLine().getOut();
            w.println("wrote " + out + " with the parameters of " + npz);
            w.flush();
            return 0;
        }
    }
}
