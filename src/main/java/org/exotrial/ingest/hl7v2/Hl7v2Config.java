package org.exotrial.ingest.hl7v2;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.protocol.ApplicationRouter;
import ca.uhn.hl7v2.protocol.impl.AppRoutingDataImpl;
import ca.uhn.hl7v2.protocol.impl.ApplicationRouterImpl;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.util.List;
import java.util.concurrent.Executors;
import org.exotrial.audit.MessageAudit;
import org.exotrial.ingest.IngestProperties;
import org.exotrial.server.FhirEndpoint;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** HL7 v2 ingest: HAPI's v2 parser, one receiving application, reached over MLLP and {@code POST /hl7v2}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Hl7v2Properties.class)
class Hl7v2Config {

    @Bean(destroyMethod = "close")
    HapiContext hl7v2Context(IngestProperties limits) {
        HapiContext context = new DefaultHapiContext();
        context.setLowerLayerProtocol(new SizeLimitedLlp(limits.maxRequestSize().toBytes()));
        // Without its own pool a context uses HAPI's static default executor, which any other context's close()
        // shuts down (including a client's in the same JVM): the listener would stop accepting connections.
        context.setExecutorService(Executors.newCachedThreadPool(new CustomizableThreadFactory("mllp-")));
        // Every message is read into v2.5 structures whatever its MSH-12 says (2.3 to 2.5.1 senders are common), so
        // the mappers are written once.
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
        // HAPI's default validation rules throw NoSuchElementException while encoding the router's own error ACK
        // (MessageRuleBinding.appliesToScope), so a malformed message would get no answer at all. The mappers check
        // every field they use (numbers, timestamps, codes) and say which one is wrong.
        context.setValidationContext(ValidationContextFactory.noValidation());
        // HAPI's default ACK control-id generator persists a counter in ./id_file (the working directory).
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        warmUp(context);
        return context;
    }

    /**
     * HAPI v2's PipeParser builds each message structure's definition on its first parse and caches it in an
     * unsynchronised HashMap: eight senders' first messages arriving at once broke it (NullPointerException in
     * MessageIterator, Hl7v2IngestIT). One parse of each structure the mappers read, before any sender connects,
     * leaves that cache read-only. The HTTP endpoint and the MLLP listener share the context's one parser.
     */
    static void warmUp(HapiContext context) {
        for (String structure : List.of("ADT^A01^ADT_A01", "ADT^A03^ADT_A03", "ORU^R01^ORU_R01")) {
            try {
                context.getGenericParser()
                        .parse("MSH|^~\\&|ExoTrial|ExoTrial|ExoTrial|ExoTrial|20260101000000||" + structure
                                + "|warm-up|P|2.5\r");
            } catch (HL7Exception e) {
                throw new IllegalStateException("HL7 v2 parser warm-up failed for " + structure, e);
            }
        }
    }

    @Bean
    V2Ingest v2Ingest(
            IFhirSystemDao<Bundle, Meta> systemDao,
            DaoRegistry daos,
            ObjectProvider<FhirEndpoint> endpoint,
            Hl7v2Properties properties,
            ObjectProvider<MessageAudit> audit) {
        // The FHIR server's interceptors (conflict retry, validation) are attached to each DAO call, so a v2 message
        // is held to the same rules as a FHIR transaction posted to /fhir.
        return new V2Ingest(
                systemDao,
                daos,
                new TrialContextLookup(daos, properties.patientIdentifierSystem()),
                () -> new SystemRequestDetails(endpoint.getObject().server().getInterceptorService()),
                properties,
                audit.getIfAvailable());
    }

    @Bean
    ApplicationRouter hl7v2Router(HapiContext context, V2Ingest ingest) {
        ApplicationRouterImpl router = new ApplicationRouterImpl(context);
        router.bindApplication(new AppRoutingDataImpl("*", "*", "*", "*"), ingest);
        router.setExceptionHandler(new MalformedMessageAnswer(context.getPipeParser()));
        return router;
    }

    @Bean
    @ConditionalOnProperty(name = "exotrial.hl7v2.mllp.enabled", havingValue = "true", matchIfMissing = true)
    MllpListener mllpListener(HapiContext context, V2Ingest ingest, Hl7v2Properties properties) {
        return new MllpListener(context, ingest, properties.mllp().port());
    }
}
