package org.spinj.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeIndexTest {

    @Test
    void epochSecondsUseTheZoneAndSlicesKeepTheClock() {
        TimeIndex t = new TimeIndex(LocalDateTime.of(2014, 5, 1, 1, 0), Duration.ofHours(1), 10,
                ZoneId.of("Asia/Shanghai"));
        // 2014-05-01 01:00 +08:00 = 2014-04-30 17:00 UTC = 1398877200
        assertThat(t.epochSecond(0)).isEqualTo(1_398_877_200L);
        assertThat(t.slice(3, 5).start()).isEqualTo(LocalDateTime.of(2014, 5, 1, 4, 0));
        assertThat(t.slice(3, 5).length()).isEqualTo(2);
        assertThatThrownBy(() -> new TimeIndex(t.start(), Duration.ZERO, 1, t.zone()))
                .hasMessageContaining("step must be positive");
        assertThatThrownBy(() -> t.slice(4, 4)).hasMessageContaining("empty time slice");
    }
}
