package org.spinj.datasets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SineAnomaliesTest {

    @Test
    void everyKindAppearsWithItsSignatureAndLocation() {
        List<AnomalySample> samples = SineAnomalies.builder().optSeed(2).build().generate(400);
        Map<AnomalyKind, Integer> counts = new EnumMap<>(AnomalyKind.class);
        for (AnomalySample s : samples) {
            counts.merge(s.kind(), 1, Integer::sum);
            float[] v = s.values();
            switch (s.kind()) {
                case NONE -> assertThat(s.start()).isEqualTo(-1);
                case FLAT -> {
                    for (int t = s.start(); t < s.end(); t++) {
                        assertThat(v[t]).isEqualTo(v[s.start()]);
                    }
                    assertThat(s.end() - s.start()).isBetween(1, 250);
                }
                case ZEROS -> {
                    for (int t = s.start(); t < s.end(); t++) {
                        assertThat(v[t]).isZero();
                    }
                }
                case SPIKE -> assertThat(s.end() - s.start()).isEqualTo(1);
                case NOISE -> assertThat(s.end()).isGreaterThan(s.start());
            }
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrder(AnomalyKind.values());
        assertThat(counts.get(AnomalyKind.NONE)).isBetween(160, 240);
    }

    @Test
    void multivariateAnomalyStaysInOneChannel() {
        SineAnomalies gen = SineAnomalies.builder().optChannels(3).optNormalRatio(0)
                .optKinds(Set.of(AnomalyKind.ZEROS)).optSeed(5).build();
        AnomalySample s = gen.next();
        assertThat(s.channels()).isEqualTo(3);
        float[] v = s.values();
        int other = (s.channel() + 1) % 3;
        int zeros = 0;
        for (int t = s.start(); t < s.end(); t++) {
            assertThat(v[t * 3 + s.channel()]).isZero();
            zeros += v[t * 3 + other] == 0f ? 1 : 0;
        }
        assertThat(zeros).isLessThan(s.end() - s.start());
        assertThat(s.anomalousSteps()[s.start()]).isTrue();
    }

    @Test
    void sameSeedSameSamples() {
        AnomalySample a = SineAnomalies.builder().optSeed(9).build().next();
        AnomalySample b = SineAnomalies.builder().optSeed(9).build().next();
        assertThat(a.values()).isEqualTo(b.values());
        assertThat(a.kind()).isEqualTo(b.kind());
    }

    @Test
    void invalidSettingsAreNamed() {
        assertThatThrownBy(() -> SineAnomalies.builder().optLength(1).optKinds(Set.of(AnomalyKind.NONE)).build())
                .hasMessageContaining("length=1")
                .hasMessageContaining("kinds=[NONE]");
    }
}
