package org.spinj.experiments.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.spin.ImputationNetwork;
import org.spinj.spin.StageSource;
import org.spinj.spin.train.SpinTrainer;

/**
 * Profiles a training step stage by stage ({@link LayerProfile}). One forward pass, with a
 * {@link org.spinj.spin.StageProbe} registered, captures every stage's real inputs and its
 * recompute function; then each stage runs in isolation on a fresh copy of its inputs (requiring
 * gradients): the forward, a scalar reduction of its outputs (the sum of each), and the backward
 * of that sum, after {@code warmup} untimed runs, medians over {@code repeats}. The whole step
 * (forward, masked L1 loss, backward) is timed the same way on the same inputs, in the same
 * round robin as the stages.
 *
 * <p>Memory: one more run of each stage (and of the whole step) under libtorch's profiler with
 * memory recording; a stage's forward and backward allocation is the sum of the outermost
 * operators' net allocations ({@link TraceSummary#allocatedMb()}), CPU memory only.
 */
public final class LayerProfiler {

    /** What a stage's time is measured with. */
    public enum Clock {
        /** Elapsed time ({@code System.nanoTime}). */
        WALL,
        /**
         * The calling thread's CPU time: with one intra-op thread ({@code SPINJ_THREADS=1}),
         * libtorch runs every CPU operator, forward and backward, on the calling thread, so this
         * is the work itself, unaffected by other processes competing for the cores. (The
         * process's CPU time would also do, but the JVM reports it in 5 ms steps.)
         */
        CPU;

        long now() {
            if (this == WALL) {
                return System.nanoTime();
            }
            return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
    }

    private final int warmup;
    private final int repeats;
    private final boolean memory;
    private final Clock clock;

    /**
     * @param warmup untimed runs per stage ({@code >= 0})
     * @param repeats timed runs per stage ({@code >= 1})
     * @param memory whether to measure each stage's allocation with libtorch's profiler
     * @param clock what time is measured with
     * @throws IllegalArgumentException for the CPU clock with more than one intra-op thread
     */
    public LayerProfiler(int warmup, int repeats, boolean memory, Clock clock) {
        if (warmup < 0 || repeats < 1) {
            throw new IllegalArgumentException("expected warmup >= 0 and repeats >= 1, got warmup="
                    + warmup + ", repeats=" + repeats);
        }
        this.warmup = warmup;
        this.repeats = repeats;
        this.memory = memory;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (clock == Clock.CPU && JniUtils.getNumThreads() != 1) {
            throw new IllegalArgumentException("the CPU clock needs one intra-op thread"
                    + " (SPINJ_THREADS=1), got " + JniUtils.getNumThreads());
        }
    }

    private record Captured(String name, NDList inputs, Function<NDList, NDList> recompute) {}

    /**
     * Profiles one training step.
     *
     * @param root the manager for the step's arrays (sub-managers are opened and closed in it)
     * @param net the network, initialised
     * @param ps its parameter store
     * @param in {@code x [B, T, N, C]} (masked), {@code mask}, {@code u [B, T, U]}, the injected
     *     evaluation points and the full target, as {@code SpinBenchCommand} builds them
     * @param graph the spatial graph
     * @return the profile
     * @throws IllegalArgumentException if {@code net} reports no stages
     */
    public LayerProfile profile(NDManager root, ImputationNetwork net, ParameterStore ps,
            NDList in, EdgeIndex graph) {
        Objects.requireNonNull(net, "net");
        if (!(net instanceof StageSource)) {
            throw new IllegalArgumentException(
                    "per-layer profiling needs a network that reports its stages, got "
                            + net.getClass().getSimpleName());
        }
        try (NDManager capture = root.newSubManager()) {
            List<Captured> stages = new ArrayList<>();
            // no gradient collector: the forward records no graph, the inputs have no history
            try (ListenerRegistration reg = ((StageSource) net).addStageProbe(
                    (name, inputs, f) -> stages.add(new Captured(name, copy(inputs), f)))) {
                // results join their receiver's manager: lend the data to the capture's
                for (int i = 0; i < in.size(); i++) {
                    in.get(i).tempAttach(capture);
                }
                net.forward(ps, in.get(0), in.get(1), in.get(2), graph, true);
            }
            if (stages.isEmpty()) {
                throw new IllegalArgumentException(net.getClass().getSimpleName()
                        + " reported no stages");
            }
            // the recompute functions' results can join arrays of the capture forward (its mask,
            // graph tensors); those are closed after every run so that repeats do not pile up
            Set<NDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            kept.addAll(((BaseNDManager) capture).getManagedArrays());
            Function<NDList, NDList> step = ignored -> {
                NDList readouts = net.forward(ps, in.get(0), in.get(1), in.get(2), graph, true);
                return new NDList(SpinTrainer.maskedL1(readouts, in.get(4), in.get(3)));
            };
            List<Captured> runs = new ArrayList<>(stages);
            runs.add(new Captured("step", new NDList(), step));
            // round robin (every stage, then the whole step, per repeat), so that a change in
            // the machine's load over the run shifts all of them alike
            double[][][] t = new double[runs.size()][2][repeats];
            for (int k = 0; k < warmup + repeats; k++) {
                for (int i = 0; i < runs.size(); i++) {
                    Captured c = runs.get(i);
                    double[] r = run(root, c.inputs(), c.recompute(), capture, kept, null);
                    if (k >= warmup) {
                        t[i][0][k - warmup] = r[0];
                        t[i][1][k - warmup] = r[1];
                    }
                }
            }
            List<LayerProfile.Stage> out = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                Captured c = stages.get(i);
                double[] mb = memory ? allocated(root, c.inputs(), c.recompute(), capture, kept)
                        : new double[2];
                out.add(new LayerProfile.Stage(c.name(), median(t[i][0]), median(t[i][1]), mb[0],
                        mb[1]));
            }
            int s = stages.size();
            return new LayerProfile(out, median(t[s][0]), median(t[s][1]));
        }
    }

    private static NDList copy(NDList inputs) {
        NDList c = new NDList(inputs.size());
        for (NDArray a : inputs) {
            c.add(a.stopGradient());
        }
        return c;
    }

    /** Forward and backward allocation (MiB) of one run under libtorch's profiler. */
    private double[] allocated(NDManager root, NDList inputs, Function<NDList, NDList> f,
            NDManager capture, Set<NDArray> kept) {
        try {
            Path dir = Files.createTempDirectory("spinj-layer-profile");
            try {
                run(root, inputs, f, capture, kept, dir);
                return new double[] {
                    TraceSummary.read(dir.resolve("forward.json")).allocatedMb(),
                    TraceSummary.read(dir.resolve("backward.json")).allocatedMb()
                };
            } finally {
                for (String name : new String[] {"forward.json", "backward.json"}) {
                    Files.deleteIfExists(dir.resolve(name));
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a profiler trace to a temporary folder",
                    e);
        }
    }

    /**
     * One run: fresh inputs requiring gradients, forward and reduction, backward. With {@code
     * traces}, each half runs under the profiler and writes {@code forward.json} and {@code
     * backward.json} there.
     */
    private double[] run(NDManager root, NDList inputs, Function<NDList, NDList> f,
            NDManager capture, Set<NDArray> kept, Path traces) {
        double[] t = new double[2];
        try (NDManager m = root.newSubManager()) {
            NDList in = new NDList(inputs.size());
            for (NDArray a : inputs) {
                NDArray c = a.duplicate();
                c.attach(m);
                c.setRequiresGradient(true);
                in.add(c);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                start(traces);
                long t0 = clock.now();
                NDList out = f.apply(in);
                NDArray loss = out.get(0).sum();
                for (int i = 1; i < out.size(); i++) {
                    loss = loss.add(out.get(i).sum());
                }
                loss.getFloat(); // waits for the forward
                long t1 = clock.now();
                stop(traces, "forward.json");
                start(traces);
                long t2 = clock.now();
                gc.backward(loss);
                if (!in.isEmpty() && in.get(0).getDevice().isGpu()) {
                    in.get(0).getGradient().flatten().get(0).getFloat(); // waits for the backward
                }
                long t3 = clock.now();
                stop(traces, "backward.json");
                t[0] = (t1 - t0) / 1e6;
                t[1] = (t3 - t2) / 1e6;
            }
        } finally {
            for (NDArray a : ((BaseNDManager) capture).getManagedArrays()) {
                if (!kept.contains(a) && a.getManager() == capture) {
                    a.close();
                }
            }
        }
        return t;
    }

    private static void start(Path traces) {
        if (traces != null) {
            JniUtils.startProfile(false, true, true);
        }
    }

    private static void stop(Path traces, String name) {
        if (traces != null) {
            JniUtils.stopProfile(traces.resolve(name).toAbsolutePath().toString());
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
