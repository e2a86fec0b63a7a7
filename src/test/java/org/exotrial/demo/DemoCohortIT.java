package org.exotrial.demo;

import org.exotrial.support.ServerIT;
import org.junit.jupiter.api.Test;

/** Demo mode loads the generated cohort beside the guide's examples, exactly as generated, and only once. */
class DemoCohortIT extends ServerIT {

    @Test
    void everyGeneratedParticipantIsStoredWithAllItsResources() {
        StoredCohort.assertEveryParticipantStoredWhole(fhir(), DEMO_COHORT_SIZE);
    }
}
