package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Utils;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves that spinj never reaches for the network: DJL's offline switch is on (so any download
 * DJL would try throws), and a recording proxy selector sees no URL connection while the engine
 * loads, the CLI runs and a model trains.
 */
class OfflineTest {

    private final List<URI> attempts = new CopyOnWriteArrayList<>();
    private ProxySelector previous;

    @BeforeEach
    void recordConnections() {
        EngineSetup.configure();
        previous = ProxySelector.getDefault();
        ProxySelector.setDefault(
                new ProxySelector() {
                    @Override
                    public List<Proxy> select(URI uri) {
                        attempts.add(uri);
                        throw new IllegalStateException("network access attempted: " + uri);
                    }

                    @Override
                    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                        attempts.add(uri);
                    }
                });
    }

    @AfterEach
    void restore() {
        ProxySelector.setDefault(previous);
    }

    @Test
    void offlineModeIsOnAndRefusesDownloads() {
        assertThat(Utils.isOfflineMode()).isTrue();
        assertThatThrownBy(() -> Utils.openUrl(new URL("https://example.invalid/model.zip")))
                .hasMessageContaining("Offline");
    }

    @Test
    void engineCliAndTrainingStepMakeNoConnection() {
        assertThat(CliRun.of("info").exitCode()).isZero();
        Engine.getInstance().setRandomSeed(1);
        try (Model model = Model.newInstance("offline");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(Linear.builder().setUnits(3).build());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
                trainer.initialize(new Shape(4, 5));
                NDArray x = manager.randomNormal(new Shape(4, 5));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
                    gc.backward(pred.square().mean());
                }
                trainer.step();
            }
        }
        assertThat(attempts).isEmpty();
    }
}
