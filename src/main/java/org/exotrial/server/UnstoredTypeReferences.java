package org.exotrial.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IDomainResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Refuses a write whose references point at a resource type this server does not store ({@link StoredResourceTypes}),
 * with a 400 naming the reference. Such a target can never exist here, as for a reference to a missing resource; left
 * to HAPI, its reference check asks the registry for the type's DAO and fails with a NullPointerException (500).
 *
 * <p>Also refuses such a type contained in the written resource: the validator knows only the stored types
 * (ListedDefinitions) and would answer with a parser error instead. Runs before the validation for that reason
 * ({@link StorageHook.Stage#GUARD}).
 */
final class UnstoredTypeReferences extends StoredResourceCheck {

    private final DaoRegistry daos;
    private final FhirContext fhir;

    UnstoredTypeReferences(DaoRegistry daos) {
        this.daos = daos;
        this.fhir = daos.getFhirContext();
    }

    /** Runs before HAPI extracts the references. */
    @Override
    protected void check(RequestDetails request, IBaseResource resource) {
        if (resource instanceof IDomainResource container) {
            for (IAnyResource contained : container.getContained()) {
                if (!daos.isResourceTypeSupported(contained.fhirType())) {
                    throw new InvalidRequestException(resource.fhirType() + ".contained holds a " + contained.fhirType()
                            + ", but this server does not store " + contained.fhirType() + " resources ("
                            + StoredResourceTypes.PROPERTY + ")");
                }
            }
        }
        for (ResourceReferenceInfo reference : fhir.newTerser().getAllResourceReferences(resource)) {
            IIdType target = reference.getResourceReference().getReferenceElement();
            String type = target.getResourceType();
            // Contained (#id), absolute and placeholder (urn:uuid:) references are HAPI's to judge; so are names
            // that are no resource type at all.
            if (type == null
                    || target.isLocal()
                    || target.isAbsolute()
                    || !fhir.getResourceTypes().contains(type)) {
                continue;
            }
            if (!daos.isResourceTypeSupported(type)) {
                throw new InvalidRequestException(resource.fhirType() + "." + reference.getName() + " refers to "
                        + target.getValue() + ", but this server does not store " + type + " resources ("
                        + StoredResourceTypes.PROPERTY + ")");
            }
        }
    }
}
