// External code systems and structure definitions, by the short names the other FSH files use.
Alias: $sct = http://snomed.info/sct
Alias: $loinc = http://loinc.org
Alias: $ucum = http://unitsofmeasure.org
Alias: $obs-category = http://terminology.hl7.org/CodeSystem/observation-category
Alias: $rs-purpose = http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type
Alias: $rs-phase = http://terminology.hl7.org/CodeSystem/research-study-phase
Alias: $v2-0203 = http://terminology.hl7.org/CodeSystem/v2-0203
Alias: $v3-ActCode = http://terminology.hl7.org/CodeSystem/v3-ActCode
Alias: $ae-seriousness = http://terminology.hl7.org/CodeSystem/adverse-event-seriousness
Alias: $ae-severity = http://terminology.hl7.org/CodeSystem/adverse-event-severity
Alias: $ae-outcome = http://terminology.hl7.org/CodeSystem/adverse-event-outcome

// Identifier systems (business identifiers; EHR interfaces key conditional creates on them).
Alias: $mrn = https://exotrial.org/fhir/sid/mrn
Alias: $subject-number = https://exotrial.org/fhir/sid/subject-number
Alias: $study-id = https://exotrial.org/fhir/sid/study
Alias: $resource-id = https://exotrial.org/fhir/sid/resource

// The IG's own code systems.
Alias: $exo-obs = https://exotrial.org/fhir/CodeSystem/exotrial-observation
Alias: $exo-proc = https://exotrial.org/fhir/CodeSystem/exotrial-procedure
Alias: $exo-enc = https://exotrial.org/fhir/CodeSystem/exotrial-encounter-type
Alias: $ccis-item = https://exotrial.org/fhir/CodeSystem/exotrial-ccis-item
Alias: $ccis-frequency = https://exotrial.org/fhir/CodeSystem/exotrial-ccis-frequency
Alias: $qolafq-domain = https://exotrial.org/fhir/CodeSystem/exotrial-qolafq-domain
Alias: $isrec = https://exotrial.org/fhir/CodeSystem/exotrial-isrec-grade
Alias: $leak-status = https://exotrial.org/fhir/CodeSystem/exotrial-leak-status
Alias: $product-type = https://exotrial.org/fhir/CodeSystem/exotrial-msc-product-type
Alias: $source-tissue = https://exotrial.org/fhir/CodeSystem/exotrial-source-tissue
Alias: $colonoscopy = https://exotrial.org/fhir/CodeSystem/exotrial-colonoscopy-finding
Alias: $allocation = https://exotrial.org/fhir/CodeSystem/exotrial-allocation
Alias: $masking = https://exotrial.org/fhir/CodeSystem/exotrial-masking
Alias: $blinded-role = https://exotrial.org/fhir/CodeSystem/exotrial-blinded-role
Alias: $outcome-type = https://exotrial.org/fhir/CodeSystem/exotrial-outcome-type
Alias: $arm-type = https://exotrial.org/fhir/CodeSystem/exotrial-arm-type
Alias: $anastomosis = https://exotrial.org/fhir/CodeSystem/exotrial-anastomosis-technique
Alias: $approach = https://exotrial.org/fhir/CodeSystem/exotrial-surgical-approach
Alias: $healing = https://exotrial.org/fhir/CodeSystem/exotrial-fistula-healing-status
Alias: $method = https://exotrial.org/fhir/CodeSystem/exotrial-assessment-method
Alias: $study-type = https://exotrial.org/fhir/CodeSystem/exotrial-study-type

// The IG's own extensions.
Alias: $ext-study = https://exotrial.org/fhir/StructureDefinition/exotrial-study-reference
Alias: $ext-pod = https://exotrial.org/fhir/StructureDefinition/exotrial-postoperative-day
Alias: $ext-product = https://exotrial.org/fhir/StructureDefinition/exotrial-msc-product-type
Alias: $ext-tissue = https://exotrial.org/fhir/StructureDefinition/exotrial-source-tissue
Alias: $ext-route = https://exotrial.org/fhir/StructureDefinition/exotrial-route
Alias: $ext-dose = https://exotrial.org/fhir/StructureDefinition/exotrial-particle-dose
Alias: $ext-dose-number = https://exotrial.org/fhir/StructureDefinition/exotrial-dose-number
