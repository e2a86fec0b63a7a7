package org.exotrial.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Set;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;

/**
 * The reused validators must not keep what they validated: before they were retired after {@link
 * ReusingInstanceValidator#USES} validations, each kept ~86 KB per resource and a server ran out of heap after a few
 * thousand writes (found by the cohort benchmark).
 */
class ReusingInstanceValidatorTest {

    @Test
    void memoryStaysBoundedOverManyValidations() throws Exception {
        FhirContext fhir = FhirContext.forR4Cached();
        IgValidator validator = new IgValidator(fhir, IgValidator.newFhirValidator(fhir));
        List<IBaseResource> observations = ImplementationGuide.fromClasspath(fhir).examples(fhir).stream()
                .filter(r -> r.fhirType().equals("Observation"))
                .toList();

        validateAll(validator, observations, 200); // warm: pools, caches, snapshots
        long before = usedAfterGc();
        validateAll(validator, observations, 800);
        long grown = usedAfterGc() - before;

        // 800 validations retained would be ~70 MB; retired validators leave at most a pool's worth behind.
        assertThat(grown).as("heap growth over 800 validations, bytes").isLessThan(25L * 1024 * 1024);
    }

    private static void validateAll(IgValidator validator, List<IBaseResource> resources, int count) {
        for (int i = 0; i < count; i++) {
            IBaseResource resource = resources.get(i % resources.size());
            Set<String> profiles = ProfileSelector.requiredProfiles(resource);
            assertThat(validator.errors(resource, profiles)).isEmpty();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
