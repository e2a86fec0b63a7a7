package org.exotrial.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.ResearchStudy;

/**
 * Validates every entry of a transaction before HAPI processes any, and refuses it with one OperationOutcome that
 * lists every failing entry: its index, fullUrl, the element and what is wrong. HAPI validates entries one at a time
 * as it stores them and stops at the first failure, so a sender fixed its bundle one entry per round trip.
 *
 * <p>Each validated resource is remembered ({@link Prevalidated}); the storage-level check skips their validation, so a
 * transaction is validated once. The transaction stays all or nothing: nothing is written before this check, and the
 * storage-level checks (references, the arm rule) can still roll the whole transaction back.
 */
final class TransactionConformance implements AutoCloseable {

    private static final Set<HTTPVerb> WRITES = Set.of(HTTPVerb.POST, HTTPVerb.PUT);

    private final Conformance conformance;
    private final DaoRegistry daoRegistry;
    private final ExecutorService executor;

    /**
     * Entries are validated in parallel on threads of their own, one per core, so a large transaction takes a fraction
     * of the time one thread would when cores are idle (the validator is thread-safe, {@link ReusingInstanceValidator});
     * several transactions at once share these threads rather than each taking every core.
     */
    TransactionConformance(Conformance conformance, DaoRegistry daoRegistry) {
        this.conformance = conformance;
        this.daoRegistry = daoRegistry;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
            Thread thread = new Thread(runnable, "transaction-validation-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /**
     * SERVER_INCOMING_REQUEST_PRE_HANDLED, after the other checks of the request (the bundle-size limit, the
     * authorization of the transaction): the bundle is parsed and nothing of it has been written; the database
     * transaction has not begun, so validating holds no connection. Protects senders from a refusal per round trip.
     */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = 1000)
    public void validateEntries(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation != RestOperationTypeEnum.TRANSACTION
                || !(request.getResource() instanceof Bundle bundle)
                || bundle.getType() != Bundle.BundleType.TRANSACTION) {
            return;
        }
        Map<String, ResearchStudy> studies = new HashMap<>();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof ResearchStudy study && entry.hasFullUrl()) {
                studies.put(entry.getFullUrl(), study);
            }
        }
        List<Future<Checked>> checks = new ArrayList<>();
        try {
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                BundleEntryComponent entry = bundle.getEntry().get(i);
                IBaseResource resource = entry.getResource();
                if (resource == null || !WRITES.contains(entry.getRequest().getMethod())) {
                    continue; // deletes, reads, patches: checked as HAPI processes them
                }
                if (!daoRegistry.isResourceTypeSupported(resource.fhirType())) {
                    continue; // a type the server does not store: HAPI refuses the transaction for that, in its words
                }
                int index = i;
                checks.add(executor.submit(() -> {
                    Set<String> profiles = Conformance.recordProfiles(resource);
                    return new Checked(index, profiles, conformance.errors(resource, profiles, studies));
                }));
            }
            OperationOutcome outcome = new OperationOutcome();
            for (Future<Checked> check : checks) {
                Checked checked = result(check);
                BundleEntryComponent entry = bundle.getEntry().get(checked.index());
                Prevalidated.add(request, entry.getResource());
                String what = WriteConformanceInterceptor.conformsTo(entry.getResource(), checked.profiles());
                for (Conformance.Issue issue : checked.issues()) {
                    add(outcome, checked.index(), entry, what, issue);
                }
            }
            refuseIfAny(outcome);
        } finally {
            checks.forEach(c -> c.cancel(false)); // nothing left running for a request that failed
        }
    }

    private record Checked(int index, Set<String> profiles, List<Conformance.Issue> issues) {}

    private static Checked result(Future<Checked> check) {
        try {
            return check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalErrorException("interrupted while validating the transaction", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // as a validation in the request's own thread would have failed
            }
            throw new InternalErrorException(e.getCause());
        }
    }

    private void refuseIfAny(OperationOutcome outcome) {
        if (outcome.hasIssue()) {
            throw new UnprocessableEntityException(conformance.validator().fhirContext(), outcome);
        }
    }

    private static void add(
            OperationOutcome outcome, int index, BundleEntryComponent entry, String what, Conformance.Issue issue) {
        String where = "Bundle.entry[" + index + "]";
        String type = entry.getResource().fhirType();
        String element = issue.expression();
        String expression = where;
        if (element != null && (element.equals(type) || element.startsWith(type + "."))) {
            expression = where + ".resource" + element.substring(type.length());
        }
        StringBuilder diagnostics = new StringBuilder(where);
        if (entry.hasFullUrl()) {
            diagnostics.append(" (fullUrl ").append(entry.getFullUrl()).append(')');
        }
        if (element != null) {
            diagnostics.append(" at ").append(element);
        }
        diagnostics.append(": ").append(what).append(": ").append(issue.message());
        outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(IssueType.PROCESSING)
                .setDiagnostics(diagnostics.toString())
                .addExpression(expression)
                .addLocation(expression);
    }
}
