// Study-design extensions for R4 ResearchStudy. R5 added these elements; the R5 cross-version package
// (hl7.fhir.uv.xver-r5.r4) is not reachable from our builds, so the IG defines its own, each naming the R5
// element it mirrors so that a later move to R5 or to the official cross-version extensions is a mapping.

Extension: ExoTrialAllocation
Id: exotrial-allocation
Title: "Study allocation"
Description: "How participants are allocated to arms. Mirrors R5 ResearchStudy.studyDesign (allocation concept); ClinicalTrials.gov DesignAllocation."
Context: ResearchStudy
* insert Conformance
* value[x] only CodeableConcept
* valueCodeableConcept 1..1
* valueCodeableConcept from ExoTrialAllocationVS (required)

Extension: ExoTrialMasking
Id: exotrial-masking
Title: "Study masking"
Description: "Masking (blinding) level of the study. Mirrors R5 ResearchStudy.studyDesign (masking concept); ClinicalTrials.gov DesignMasking."
Context: ResearchStudy
* insert Conformance
* value[x] only CodeableConcept
* valueCodeableConcept 1..1
* valueCodeableConcept from ExoTrialMaskingVS (required)

Extension: ExoTrialBlindedRole
Id: exotrial-blinded-role
Title: "Blinded role"
Description: "A role masked to arm assignment; repeat for each. Mirrors the extensions pack's http://hl7.org/fhir/StructureDefinition/blinded-role (R5-era), with ClinicalTrials.gov DesignWhoMasked codes."
Context: ResearchStudy
* insert Conformance
* value[x] only CodeableConcept
* valueCodeableConcept 1..1
* valueCodeableConcept from ExoTrialBlindedRoleVS (required)

Extension: ExoTrialTargetEnrollment
Id: exotrial-target-enrollment
Title: "Target enrollment"
Description: "Number of participants the study plans to enrol. Mirrors R5 ResearchStudy.recruitment.targetNumber (R4 only has enrollment as Reference(Group))."
Context: ResearchStudy
* insert Conformance
* value[x] only unsignedInt
* valueUnsignedInt 1..1

Extension: ExoTrialOutcomeMeasure
Id: exotrial-outcome-measure
Title: "Outcome measure"
Description: "A study outcome measure. Mirrors R5 ResearchStudy.outcomeMeasure (name, type, description); timeFrame follows ClinicalTrials.gov, which R5 lacks."
Context: ResearchStudy
* insert Conformance
* extension contains
    name 1..1 and
    type 1..1 and
    description 0..1 and
    timeFrame 0..1
* extension[name].value[x] only string
* extension[name] ^short = "Outcome measure name (R5 outcomeMeasure.name)"
* extension[type].value[x] only CodeableConcept
* extension[type].valueCodeableConcept from ExoTrialOutcomeTypeVS (required)
* extension[type] ^short = "primary | secondary | exploratory (R5 outcomeMeasure.type)"
* extension[description].value[x] only markdown
* extension[description] ^short = "How the outcome is measured (R5 outcomeMeasure.description)"
* extension[timeFrame].value[x] only string
* extension[timeFrame] ^short = "Time frame, e.g. '1 month' (ClinicalTrials.gov TimeFrame)"
