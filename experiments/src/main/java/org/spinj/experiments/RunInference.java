package org.spinj.experiments;

/**
 * Runner main for research code, the counterpart of SPIN's {@code run_inference.py}: the same
 * code and options as {@code spinj evaluate} (test metrics and sparsity sweeps).
 *
 * <pre>
 *   java -cp spinj.jar org.spinj.experiments.RunInference runs/aqi36/spin/20250101-120000 --mask point
 * </pre>
 */
public final class RunInference {

    private RunInference() {}

    /**
     * @param args the arguments of {@code spinj evaluate}
     */
    public static void main(String[] args) {
        EngineSetup.configure();
        System.exit(SpinjCommand.commandLine().execute(RunImputation.withCommand("evaluate", args)));
    }
}
