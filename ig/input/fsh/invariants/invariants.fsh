// FHIRPath kept to R4-era functions (no sum(), no type-specific helpers): HAPI's validator and the HL7 validator
// both evaluate these, and ConformanceTest proves each one with a failing fixture.

Invariant: exotrial-ccis-total-range
Description: "CCIS total must be between 0 and 20"
Severity: #error
Expression: "value.exists() implies (value >= 0 and value <= 20)"

Invariant: exotrial-ccis-total-sum
Description: "CCIS total must equal the sum of the five item scores when all five items are present"
Severity: #error
Expression: "(component.count() = 5 and value.exists()) implies value = component.value.aggregate($this + $total, 0)"

Invariant: exotrial-ccis-item-range
Description: "Each CCIS item score must be between 0 and 4"
Severity: #error
Expression: "value.exists() implies (value >= 0 and value <= 4)"

Invariant: exotrial-qolafq-range
Description: "QoLAF-Q total must be between 14 and 70"
Severity: #error
Expression: "value.exists() implies (value >= 14 and value <= 70)"

Invariant: exotrial-pg-per-ml
Description: "Cytokine concentration must be in UCUM pg/mL (system http://unitsofmeasure.org, code pg/mL)"
Severity: #error
Expression: "system = 'http://unitsofmeasure.org' and code = 'pg/mL'"

Invariant: exotrial-particle-dose-positive
Description: "Particle dose must be greater than 0"
Severity: #error
Expression: "value > 0"

Invariant: exotrial-body-fluid-specimen
Description: "A body-fluid IL-6 (LOINC 49732-1) or peritoneal TNF-alpha result must reference its specimen"
Severity: #error
Expression: "code.coding.where(code = '49732-1' or code = 'tnf-alpha-peritoneal').exists() implies specimen.exists()"

Invariant: exotrial-leak-grade
Description: "A present anastomotic leak must carry its ISREC grade"
Severity: #error
Expression: "value.coding.where(code = 'present').exists() implies component.where(code.coding.code = 'isrec-grade').exists()"

Invariant: exotrial-source-tissue-required
Description: "An MSC-derived product (anything but placebo) must state its source tissue"
Severity: #error
Expression: "extension('https://exotrial.org/fhir/StructureDefinition/exotrial-msc-product-type').value.coding.where(code = 'placebo').exists() or extension('https://exotrial.org/fhir/StructureDefinition/exotrial-source-tissue').exists()"

Invariant: exotrial-stay-length-days
Description: "Length of stay must be a whole number of days (UCUM d) and not negative"
Severity: #error
Expression: "length.exists() implies (length.system = 'http://unitsofmeasure.org' and length.code = 'd' and length.value >= 0)"
