package org.spinj.experiments;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Configures DJL and PyTorch for an offline, quiet run. Must be called before the first DJL or
 * slf4j class is used, because DJL reads these switches once when the engine loads (djl-notes
 * §1.4). Values the user already set (as {@code -D} options) are kept.
 */
public final class EngineSetup {

    /** System property that caps DJL's intra-op threads; defaults to the number of cores. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private static volatile boolean done;

    private EngineSetup() {}

    /** Applies the offline, telemetry, logging and thread settings once per JVM. */
    public static synchronized void configure() {
        if (done) {
            return;
        }
        setIfAbsent("ai.djl.offline", "true");
        // DJL reads OPT_OUT_TRACKING from the environment or a system property of that name.
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent(THREADS_PROPERTY, String.valueOf(Runtime.getRuntime().availableProcessors()));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
        // A libcudart without a driver makes DJL warn twice on every start: not the user's problem.
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.pytorch.jni.LibUtils", "warn");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
        setIfAbsent("java.awt.headless", "true");
        done = true;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Resolves a {@code --device} value: {@code auto} (the first GPU if one is usable, else the
     * CPU), {@code cpu}, or {@code gpu:N}/{@code gpuN}/{@code cuda:N}.
     *
     * @param spec the option value
     * @return the device
     * @throws IllegalArgumentException if the value is malformed or names a GPU that is not there
     */
    public static Device resolveDevice(String spec) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            return Engine.getInstance().defaultDevice();
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        String num = null;
        if (s.startsWith("gpu:") || s.startsWith("cuda:")) {
            num = s.substring(s.indexOf(':') + 1);
        } else if (s.startsWith("gpu")) {
            num = s.substring(3);
        }
        int id;
        try {
            id = num == null || num.isEmpty() ? -1 : Integer.parseInt(num);
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 0) {
            throw new IllegalArgumentException(
                    "--device '" + spec + "' is not understood; expected auto, cpu or gpu:N");
        }
        int gpus = Engine.getInstance().getGpuCount();
        if (id >= gpus) {
            throw new IllegalArgumentException(
                    "--device "
                            + spec
                            + " was requested but "
                            + (gpus == 0
                                    ? "no GPU is usable: this PyTorch build is '"
                                            + flavor()
                                            + "' (see README, 'GPU') or no CUDA driver is present"
                                    : "only " + gpus + " GPU(s) are visible (gpu:0..gpu:"
                                            + (gpus - 1) + ")"));
        }
        return Device.gpu(id);
    }

    /** @return the PyTorch native flavor in use, e.g. {@code cpu} or {@code cu128} */
    public static String flavor() {
        String f = System.getenv("PYTORCH_FLAVOR");
        if (f == null) {
            f = System.getProperty("PYTORCH_FLAVOR");
        }
        return f == null ? "cpu" : f;
    }
}
