package org.spinj.spin.train;

/**
 * What one training epoch achieved.
 *
 * @param epoch zero-based epoch
 * @param trainLoss mean training loss over the epoch's steps (scaled space, summed over readouts)
 * @param valMae validation MAE in original units on the eval targets of the validation windows
 * @param learningRate the learning rate used in the epoch
 * @param elapsedSeconds wall time since training started, at the end of the epoch
 * @param steps optimizer steps taken in the epoch
 */
public record EpochMetrics(
        int epoch, double trainLoss, double valMae, double learningRate, double elapsedSeconds,
        int steps) {

    /** The header of {@link #csvRow()}. */
    public static final String CSV_HEADER = "epoch,train_loss,val_mae,lr,elapsed_s,steps";

    /** @return one CSV row matching {@link #CSV_HEADER} */
    public String csvRow() {
        return epoch + "," + trainLoss + "," + valMae + "," + learningRate + ","
                + String.format(java.util.Locale.ROOT, "%.3f", elapsedSeconds) + "," + steps;
    }
}
