package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineCheckTest {

    private static Map<String, Double> maes(double mice) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mean", 9.0);
        m.put("locf", 5.0);
        m.put("interp", 4.1);
        m.put("knn", 3.8);
        m.put("mice", mice);
        return m;
    }

    @Test
    void aBaselineBetterOnValidationIsChosenAndSaidPlainly() {
        BaselineCheck c = new BaselineCheck("spin", 4.36, maes(2.93), 120);
        assertThat(c.bestBaseline()).isEqualTo("mice");
        assertThat(c.choice()).isEqualTo("mice");
        assertThat(c.line()).contains("SPIN's best validation MAE 4.360 is worse than mice's"
                + " 2.930 on the same 120 validation windows").contains("--use spin");
        JsonObject j = c.toJson();
        assertThat(j.get("use").getAsString()).isEqualTo("mice");
        JsonObject meta = new JsonObject();
        meta.add(BaselineCheck.KEY, j);
        assertThat(BaselineCheck.recordedBaseline(meta)).isEqualTo("mice");
    }

    @Test
    void theNetworkIsKeptWhenItIsBetterAndOldCheckpointsUseIt() {
        BaselineCheck c = new BaselineCheck("spin-h", 1.66, maes(1.72), 30);
        assertThat(c.choice()).isEqualTo("spin-h");
        assertThat(c.line()).contains("beats the best baseline, mice (1.720)");
        JsonObject meta = new JsonObject();
        meta.add(BaselineCheck.KEY, c.toJson());
        assertThat(BaselineCheck.recordedBaseline(meta)).isNull();
        assertThat(BaselineCheck.recordedBaseline(new JsonObject())).isNull();
        assertThat(BaselineCheck.recordedBaseline(null)).isNull();
    }

    @Test
    void aNonFiniteBaselineIsNeverChosen() {
        Map<String, Double> m = maes(Double.NaN);
        BaselineCheck c = new BaselineCheck("spin", 3.9, m, 10);
        assertThat(c.bestBaseline()).isEqualTo("knn");
        assertThat(c.choice()).isEqualTo("knn");
    }
}
