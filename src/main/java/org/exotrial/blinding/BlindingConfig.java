package org.exotrial.blinding;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.server.FhirServerCustomizer;
import org.exotrial.server.StorageHook;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Blinding: masked studies hide participants' arms from every caller whose role does not see them. */
@Configuration(proxyBeanMethods = false)
class BlindingConfig {

    @Bean
    StudyMasking studyMasking(DaoRegistry daos) {
        return new StudyMasking(daos, Clock.systemUTC());
    }

    @Bean
    ArmSearchGuard armSearchGuard(ImplementationGuide guide, FhirContext fhir) {
        return new ArmSearchGuard(ArmRevealingData.searchParameters(guide.definitions(fhir, "SearchParameter").stream()
                .map(SearchParameter.class::cast)
                .toList()));
    }

    @Bean
    CallerBlinding callerBlinding(StudyMasking studies, ArmSearchGuard guard) {
        return new CallerBlinding(studies, guard);
    }

    @Bean
    FhirServerCustomizer blinding(StudyMasking studies, DaoRegistry daos, ArmSearchGuard guard) {
        return server -> {
            server.registerInterceptor(new BlindingInterceptor(studies, guard));
            server.registerProvider(new UnblindOperation(daos, studies));
        };
    }

    /** At the storage level, so that writes that do not come through REST are checked too. */
    @Bean
    StorageHook oneStudyPerRecord() {
        return new StorageHook(StorageHook.Stage.GUARD, new OneStudyPerRecord());
    }
}
