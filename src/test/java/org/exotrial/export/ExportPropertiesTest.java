package org.exotrial.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ExportPropertiesTest {

    private static ExportProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("exotrial.export", ExportProperties.class);
    }

    @Test
    void defaultsAreTwoHoursOfRetentionAndFiveSecondJobSteps() {
        ExportProperties defaults = bind(Map.of());
        assertThat(defaults.retention()).isEqualTo(Duration.ofHours(2));
        assertThat(defaults.retentionHours()).isEqualTo(2);
        assertThat(defaults.jobInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retentionIsSetInWholeHoursAsHapiKeepsFiles() {
        assertThat(bind(Map.of("exotrial.export.retention", "P1D")).retentionHours())
                .isEqualTo(24);
        assertThatThrownBy(() -> bind(Map.of("exotrial.export.retention", "PT30M")))
                .hasStackTraceContaining("exotrial.export.retention must be a whole number of hours");
        assertThatThrownBy(() -> bind(Map.of("exotrial.export.retention", "PT90M")))
                .hasStackTraceContaining("whole number of hours");
    }

    @Test
    void aJobIntervalBelowATenthOfASecondIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("exotrial.export.job-interval", "PT0.01S")))
                .hasStackTraceContaining("exotrial.export.job-interval");
    }
}
