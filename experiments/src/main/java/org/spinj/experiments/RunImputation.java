package org.spinj.experiments;

/**
 * Runner main for research code, the counterpart of SPIN's {@code run_imputation.py}: the same
 * code and options as {@code spinj train}.
 *
 * <pre>
 *   java -cp spinj.jar org.spinj.experiments.RunImputation --dataset aqi36 --budget quick
 * </pre>
 */
public final class RunImputation {

    private RunImputation() {}

    /**
     * @param args the options of {@code spinj train}
     */
    public static void main(String[] args) {
        EngineSetup.configure();
        System.exit(SpinjCommand.commandLine().execute(withCommand("train", args)));
    }

    static String[] withCommand(String command, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
