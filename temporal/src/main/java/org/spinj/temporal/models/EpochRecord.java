package org.spinj.temporal.models;

/**
 * The metrics of one training epoch.
 *
 * @param epoch the epoch, from 1
 * @param trainLoss mean training loss
 * @param valLoss mean validation loss
 * @param valAccuracy validation accuracy in [0, 1]
 * @param learningRate the learning rate at the end of the epoch
 * @param elapsedSeconds wall time since training started
 */
public record EpochRecord(
        int epoch, double trainLoss, double valLoss, double valAccuracy, double learningRate,
        double elapsedSeconds) {

    /** The CSV header matching {@link #csvLine()}. */
    public static final String CSV_HEADER = "epoch,train_loss,val_loss,val_accuracy,lr,elapsed_s";

    /** Validates the epoch. */
    public EpochRecord {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1, got " + epoch);
        }
    }

    /** @return the record as a CSV line in {@link #CSV_HEADER} order */
    public String csvLine() {
        return epoch + "," + trainLoss + "," + valLoss + "," + valAccuracy + "," + learningRate
                + "," + elapsedSeconds;
    }
}
