package org.exotrial.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class IgValidatorConfigTest {

    @Test
    void noValidatorIsBuiltWhenWritesAreNotValidated() {
        new ApplicationContextRunner()
                .withBean(FhirContext.class, FhirContext::forR4Cached)
                .withUserConfiguration(IgValidatorConfig.class, WriteConformanceConfig.class)
                .withPropertyValues("exotrial.validation.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(IgValidator.class);
                    assertThat(context).doesNotHaveBean(WriteConformanceInterceptor.class);
                });
    }
}
