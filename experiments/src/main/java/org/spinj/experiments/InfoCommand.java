package org.spinj.experiments;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spinj info}: the engine, native library, device, threads and allocator in use. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = "Show the engine, PyTorch version, device, threads and native cache in use.")
public final class InfoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Engine engine = Engine.getInstance();
        Device device = EngineSetup.resolveDevice(GlobalOptions.of(spec).device());
        out.println("spinj: " + SpinjVersion.version());
        out.println("djl: " + Engine.getDjlVersion());
        out.println("engine: " + engine.getEngineName());
        out.println("pytorch: " + engine.getVersion());
        out.println("flavor: " + EngineSetup.flavor());
        out.println("device: " + device);
        out.println("gpus: " + engine.getGpuCount());
        out.println("threads: " + System.getProperty(EngineSetup.THREADS_PROPERTY));
        out.println("cores: " + Runtime.getRuntime().availableProcessors());
        out.println("offline: " + Utils.isOfflineMode());
        out.println("native_cache: " + Utils.getEngineCacheDir("pytorch"));
        out.println("allocator: " + Allocator.describe());
        String slow = Allocator.slowAllocatorWarning();
        if (slow != null) {
            spec.commandLine().getErr().println("spinj info: warning: " + slow);
            spec.commandLine().getErr().flush();
        }
        out.println(
                "java: " + System.getProperty("java.version") + " (" + System.getProperty("os.name")
                        + " " + System.getProperty("os.arch") + ")");
        out.flush();
        return 0;
    }
}
