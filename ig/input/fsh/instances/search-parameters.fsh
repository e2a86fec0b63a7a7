// Search parameters the server indexes (HAPI JPA installs them from the package). Expressions use the simple
// `Resource.extension('url').value` form HAPI's extractor indexes. Codes are chosen not to clash with R4 core:
// R4 already has AdverseEvent `study` and ResearchSubject `study`, hence `trial-study` as one code for all
// clinical resources (on AdverseEvent it reads the core element AdverseEvent.study).
// Route: R4 Procedure has no route element, so the IG's exotrial-route extension carries it (not bodySite, which
// says where, not how) and `route` searches it.

RuleSet: SearchParam(id, code)
* url = "https://exotrial.org/fhir/SearchParameter/{id}"
* name = "{code}"
* status = #active
* experimental = false
* publisher = "ExoTrial"
* code = #{code}
* xpathUsage = #normal

Instance: exotrial-arm
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-arm, arm)
* description = "Subjects by assigned arm name (ResearchSubject.assignedArm, which matches ResearchStudy.arm.name)"
* base[0] = #ResearchSubject
* type = #string
* expression = "ResearchSubject.assignedArm"

Instance: exotrial-actual-arm
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-actual-arm, actual-arm)
* description = "Subjects by the arm actually followed (ResearchSubject.actualArm)"
* base[0] = #ResearchSubject
* type = #string
* expression = "ResearchSubject.actualArm"

Instance: exotrial-trial-study
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-trial-study, trial-study)
* description = "Clinical resources by the study they were recorded for (exotrial-study-reference extension; AdverseEvent.study)"
* base[0] = #Observation
* base[+] = #Procedure
* base[+] = #Encounter
* base[+] = #Specimen
* base[+] = #AdverseEvent
* type = #reference
* target[0] = #ResearchStudy
* expression = "Observation.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-study-reference').value | Procedure.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-study-reference').value | Encounter.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-study-reference').value | Specimen.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-study-reference').value | AdverseEvent.study"

Instance: exotrial-route
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-route, route)
* description = "Administrations by route (exotrial-route extension, SNOMED CT)"
* base[0] = #Procedure
* type = #token
* expression = "Procedure.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-route').value"

Instance: exotrial-product-type
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-product-type, product-type)
* description = "Administrations by MSC product type (exosome, secretome, live-cells, placebo)"
* base[0] = #Procedure
* type = #token
* expression = "Procedure.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-msc-product-type').value"

Instance: exotrial-source-tissue
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-source-tissue, source-tissue)
* description = "Administrations by MSC source tissue"
* base[0] = #Procedure
* type = #token
* expression = "Procedure.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-source-tissue').value"

Instance: exotrial-particle-dose
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-particle-dose, particle-dose)
* description = "Administrations by particle dose (e.g. particle-dose=ge1e10||{particles})"
* base[0] = #Procedure
* type = #quantity
* expression = "Procedure.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-particle-dose').value"

Instance: exotrial-dose-number
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-dose-number, dose-number)
* description = "Administrations by position in the dose series"
* base[0] = #Procedure
* type = #number
* expression = "Procedure.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-dose-number').value"

Instance: exotrial-postop-day
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-postop-day, postop-day)
* description = "Observations, administrations and specimens by postoperative day (0 = day of surgery)"
* base[0] = #Observation
* base[+] = #Procedure
* base[+] = #Specimen
* type = #number
* expression = "Observation.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-postoperative-day').value | Procedure.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-postoperative-day').value | Specimen.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-postoperative-day').value"

// R4 has no `identifier` search parameter on AdverseEvent (R5 added one), yet interfaces send adverse events as
// conditional creates keyed on their identifier (`ifNoneExist: identifier=...`); without this the server refuses them.
Instance: exotrial-adverse-event-identifier
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-adverse-event-identifier, identifier)
* description = "Adverse events by business identifier (AdverseEvent.identifier), for conditional creates"
* base[0] = #AdverseEvent
* type = #token
* expression = "AdverseEvent.identifier"

// R4's value-quantity indexes valueQuantity only, so integer results (CCIS 0-20, QoLAF-Q 14-70, their items and
// domains) were not searchable by value at all: these two index Observation.valueInteger and component.valueInteger.
Instance: exotrial-value-integer
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-value-integer, value-integer)
* description = "Observations by integer value (valueInteger), e.g. CCIS or QoLAF-Q totals: value-integer=gt10"
* base[0] = #Observation
* type = #number
* expression = "Observation.value.ofType(integer)"

Instance: exotrial-component-value-integer
InstanceOf: SearchParameter
Usage: #definition
* insert SearchParam(exotrial-component-value-integer, component-value-integer)
* description = "Observations by the integer value of any component (component.valueInteger), e.g. a CCIS item score"
* base[0] = #Observation
* type = #number
* expression = "Observation.component.value.ofType(integer)"
