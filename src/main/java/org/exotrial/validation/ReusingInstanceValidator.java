package org.exotrial.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's instance validator, with the HL7 {@link InstanceValidator} it drives kept between validations.
 *
 * <p>Why: HAPI builds a new InstanceValidator for every resource, and its constructor reads the validator's whole
 * OID table from a CSV file and builds a FHIRPath engine and profile utilities: measured at 70% of the time spent
 * validating a typical ExoTrial Observation (JFR, docs/benchmarks.md). The InstanceValidator clears its
 * per-validation state at the start of each validation, but is not thread-safe, so each one is used by one thread at
 * a time from a small pool. It also keeps something of every resource it has validated (about 86 KB each, measured:
 * the parsed elements stay reachable), so each one is retired after {@link #USES} validations: memory stays bounded
 * and the constructor's cost is shared by that many resources. Settings and message post-processing follow HAPI's own (FhirInstanceValidator), so the
 * results are the same; ConformanceTest holds the server to that.
 */
final class ReusingInstanceValidator extends FhirInstanceValidator {

    /** Idle validators kept; more threads than this validate with validators made on demand and dropped after. */
    private static final int POOL_SIZE = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);

    /** Validations per InstanceValidator before it is dropped: bounds what it retains to a few MB. */
    static final int USES = 100;

    private final Queue<Pooled> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    ReusingInstanceValidator(IValidationSupport validationSupport) {
        super(validationSupport);
    }

    @Override
    protected List<ValidationMessage> validate(IValidationContext<?> context) {
        if (context.getResourceAsStringEncoding() != EncodingEnum.JSON) {
            // Only JSON is ever validated on write; anything else ($validate with XML) takes HAPI's path.
            return postProcess(super.validate(context));
        }
        IWorkerContext worker = provideWorkerContext();
        List<ValidationMessage> messages = new ArrayList<>();
        List<StructureDefinition> profiles = new ArrayList<>();
        for (String url : profileUrls(context)) {
            StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
            if (profile != null) {
                profiles.add(profile);
            } else if (isErrorForUnknownProfiles() && ownProfile(url)) {
                messages.add(new ValidationMessage()
                        .setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN)
                        .setLevel(ValidationMessage.IssueSeverity.ERROR)
                        .setMessage("Invalid profile. Failed to retrieve profile with url=" + url));
            }
        }
        Pooled validator = borrow(worker);
        try {
            byte[] json = context.getResourceAsString().getBytes(StandardCharsets.UTF_8);
            validator.instance.validate(null, messages, new ByteArrayInputStream(json), FhirFormat.JSON, profiles);
        } finally {
            giveBack(validator);
        }
        return postProcess(messages);
    }

    /** The profiles asked for, then those the resource claims in meta.profile, as HAPI's validator does. */
    private static Set<String> profileUrls(IValidationContext<?> context) {
        Set<String> urls = new LinkedHashSet<>(context.getOptions().getProfiles());
        if (context.getResource() instanceof IBaseResource resource) {
            resource.getMeta().getProfile().forEach(p -> urls.add(p.getValueAsString()));
        }
        return urls;
    }

    /**
     * HAPI's filtering (binding-without-source notes dropped), and two of ExoTrial's own rules. An unknown profile is an
     * error only when it is the guide's: a claimed ExoTrial profile that cannot be checked cannot be enforced, while a
     * hospital's export claims profiles of guides this server does not carry (Synthea claims US Core on every
     * resource), which are reported as not checked (a warning) and the resource is validated against FHIR's core
     * definitions and the guide's profiles its kind implies. And no message carries a Java object's dump.
     */
    private List<ValidationMessage> postProcess(List<ValidationMessage> messages) {
        List<ValidationMessage> kept = new ArrayList<>();
        for (ValidationMessage m : messages) {
            String id = m.getMessageId();
            if (I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE.equals(id)
                    || (I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND.equals(id)
                            && m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes"))) {
                continue;
            }
            if (isErrorForUnknownProfiles()
                    && (I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(id)
                            || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(id)
                            || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_ERROR.equals(id)
                            || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_ERROR_NETWORK.equals(id))) {
                m.setLevel(
                        mentionsOwnProfile(m.getMessage())
                                ? ValidationMessage.IssueSeverity.ERROR
                                : ValidationMessage.IssueSeverity.WARNING);
            }
            m.setMessage(ReadableMessages.of(m.getMessage()));
            kept.add(m);
        }
        return kept;
    }

    private static boolean ownProfile(String url) {
        return url != null && url.startsWith(ImplementationGuide.PROFILE_BASE);
    }

    private static boolean mentionsOwnProfile(String message) {
        return message != null && message.contains(ImplementationGuide.PROFILE_BASE);
    }

    /** A validator and how often it has been used. */
    private static final class Pooled {
        final InstanceValidator instance;
        int uses;

        Pooled(InstanceValidator instance) {
            this.instance = instance;
        }
    }

    private Pooled borrow(IWorkerContext worker) {
        Pooled validator = idle.poll();
        if (validator != null) {
            idleCount.decrementAndGet();
            return validator;
        }
        return new Pooled(newInstanceValidator(worker));
    }

    private void giveBack(Pooled validator) {
        if (++validator.uses >= USES) {
            return; // retired: what it retained goes with it
        }
        if (idleCount.incrementAndGet() <= POOL_SIZE) {
            idle.offer(validator);
        } else {
            idleCount.decrementAndGet();
        }
    }

    /** Configured as HAPI configures the one it builds per validation (ValidatorWrapper). */
    private InstanceValidator newInstanceValidator(IWorkerContext worker) {
        InstanceValidator v = new InstanceValidator(
                worker,
                Objects.requireNonNullElseGet(getHostApplicationServices(), NullEvaluationContext::new),
                new XVerExtensionManagerOld(worker),
                new ValidatorSession(),
                new ValidatorSettings());
        v.setAssumeValidRestReferences(isAssumeValidRestReferences());
        v.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
        v.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
        v.setResourceIdRule(IdStatus.OPTIONAL);
        v.setNoTerminologyChecks(isNoTerminologyChecks());
        v.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
        // HAPI keeps this fixed because of how it interacts with UnknownCodeSystemWarningValidationSupport.
        v.setUnknownCodeSystemsCauseErrors(true);
        v.getExtensionDomains().addAll(getExtensionDomains());
        v.setFetcher(getValidatorResourceFetcher());
        v.setPolicyAdvisor(getValidatorPolicyAdvisor());
        v.setNoExtensibleWarnings(isNoExtensibleWarnings());
        v.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
        v.setAllowExamples(isAllowExamples());
        v.setAllowXsiLocation(true);
        return v;
    }
}
