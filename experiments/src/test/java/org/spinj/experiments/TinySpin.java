package org.spinj.experiments;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.SpinModel;

/** The inference tests' fixture: the synthetic task (window 12) and an untrained tiny SPIN. */
final class TinySpin {

    private TinySpin() {}

    /** @return the synthetic task with windows of 12 steps */
    static ImputationTask task() {
        EngineSetup.configure();
        return TaskPreparation.prepare(DataSpec.of("synthetic").withWindow(12));
    }

    /**
     * @param task the task whose graph and scaler the model uses
     * @return an untrained SPIN (d = 8, one layer, initialised from seed 1) wrapped as a model;
     *     close it
     */
    static ImputationModel untrained(ImputationTask task) {
        Engine.getInstance().setRandomSeed(1);
        int n = task.series().numNodes();
        SpinConfig cfg = SpinConfig.DEFAULT.withHiddenSize(8).withLayers(1, 0);
        SpinModel net = SpinModel.builder().setNumNodes(n).optConfig(cfg).build();
        NDManager m = NDManager.newBaseManager(Device.cpu());
        Shape x = new Shape(1, 12, n, cfg.inputSize());
        net.initialize(m, DataType.FLOAT32, x, x, new Shape(1, 12, cfg.exogenousSize()));
        return new ImputationModel(net, m, task.graph(), task.scaler(), 12, "synthetic");
    }
}
