package org.exotrial.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Comparator;
import java.util.List;
import org.exotrial.cohort.CohortGenerator;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.ig.InstalledGuide;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Loads the guide's examples as one transaction of PUTs by their ids: idempotent (an unchanged resource gets no new
 * version on the next start) and validated like any other write. Then the generated cohort, one transaction per
 * participant of conditional creates, as a hospital interface sends them: also idempotent, so a restart adds nothing.
 *
 * <p>A stop while it loads (Ctrl-C on {@code mvn spring-boot:run}) lets the transaction in flight finish and loads no
 * more; the next start loads the rest. Without that, Spring closed the database under the running transaction and the
 * start ended in "Application run failed". Spring stops lifecycle beans before it destroys any bean, so {@link #stop()}
 * is where the loader can still finish its write.
 */
@Component
@ConditionalOnProperty(name = "exotrial.demo.enabled", havingValue = "true")
class DemoDataLoader implements ApplicationRunner, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    /** Referenced resources first: referential integrity is checked as each entry is written. */
    private static final List<String> ORDER = List.of(
            "Organization",
            "Location",
            "Patient",
            "ResearchStudy",
            "ResearchSubject",
            "Procedure",
            "Specimen",
            "Encounter",
            "Observation",
            "AdverseEvent");

    static final long COHORT_SEED = DemoProperties.COHORT_SEED;

    private final FhirContext fhir;
    private final ImplementationGuide guide;
    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final int cohortSize;

    /** Held for each transaction: {@link #stop()} takes it to wait for the one in flight. */
    private final Object writing = new Object();

    private volatile boolean running;
    private volatile boolean stopping;

    /**
     * {@code installed} is not used: asking for it makes Spring install the guide (profiles, search parameters)
     * before this loader exists, so the examples are validated and indexed against it.
     */
    DemoDataLoader(
            FhirContext fhir,
            ImplementationGuide guide,
            IFhirSystemDao<Bundle, ?> systemDao,
            InstalledGuide installed,
            DemoProperties demo) {
        this.fhir = fhir;
        this.guide = guide;
        this.systemDao = systemDao;
        this.cohortSize = demo.cohortSize();
    }

    /**
     * Runs once the web server listens: {@code /fhir/metadata} answers meanwhile, but Spring Boot reports the
     * readiness probe ({@code /actuator/health/readiness}) OUT_OF_SERVICE until every runner has finished, so ready
     * means the demo data is in. The last line says so.
     */
    @Override
    public void run(ApplicationArguments args) {
        long start = System.currentTimeMillis();
        List<IBaseResource> examples = guide.examples(fhir).stream()
                .sorted(Comparator.comparingInt(DemoDataLoader::rank))
                .toList();
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (IBaseResource example : examples) {
            Resource resource = (Resource) example;
            String id = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
            tx.addEntry()
                    .setResource(resource)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl(id);
        }
        if (!write(tx)) {
            log.info("Demo data: not loaded, the server is stopping; the next start loads it");
            return;
        }
        log.info("Demo data: {} resources loaded in {} ms", examples.size(), System.currentTimeMillis() - start);
        int cohortResources = loadCohort();
        if (cohortResources >= 0) {
            log.info(
                    "Demo data loaded: {} guide examples and {} generated participants ({} resources) in {} ms;"
                            + " /actuator/health/readiness turns UP now",
                    examples.size(),
                    cohortSize,
                    examples.size() + cohortResources,
                    System.currentTimeMillis() - start);
        }
    }

    /** The generated participants' resources written, or -1 if the server began to stop first. */
    private int loadCohort() {
        long start = System.currentTimeMillis();
        CohortGenerator generator = new CohortGenerator(COHORT_SEED);
        int resources = 0;
        for (int i = 0; i < cohortSize; i++) {
            Bundle participant = generator.participant(i);
            if (!write(participant)) {
                log.info(
                        "Demo cohort: stopped after {} of {} generated participants, the server is stopping; the next"
                                + " start loads the rest",
                        i,
                        cohortSize);
                return -1;
            }
            resources += participant.getEntry().size();
        }
        log.info(
                "Demo cohort: {} generated participants ({} resources) in {} ms",
                cohortSize,
                resources,
                System.currentTimeMillis() - start);
        return resources;
    }

    /** Runs the transaction unless the server is stopping; false if it did not run. */
    private boolean write(Bundle transaction) {
        synchronized (writing) {
            if (stopping) {
                return false;
            }
            systemDao.transaction(new SystemRequestDetails(), transaction);
            return true;
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Called as the server stops, before the database goes: waits for the transaction in flight, allows no more. */
    @Override
    public void stop() {
        stopping = true;
        synchronized (writing) {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static int rank(IBaseResource resource) {
        int typeRank = ORDER.indexOf(resource.fhirType());
        int base = (typeRank < 0 ? ORDER.size() : typeRank) * 2;
        // A procedure that is part of another (administration during the LAR) comes after the one it is part of.
        return resource instanceof Procedure p && p.hasPartOf() ? base + 1 : base;
    }
}
