Extension: ExoTrialStudyReference
Id: exotrial-study-reference
Title: "Study"
Description: "The research study a clinical resource (Observation, Procedure, Encounter, Specimen) was recorded for. Mirrors the extensions pack's http://hl7.org/fhir/StructureDefinition/workflow-researchStudy (R5 workflow pattern), defined here to keep the build free of package dependencies."
Context: Observation, Procedure, Encounter, Specimen, AdverseEvent
* insert Conformance
* value[x] only Reference(ResearchStudy)
* valueReference 1..1

Extension: ExoTrialPostoperativeDay
Id: exotrial-postoperative-day
Title: "Postoperative day"
Description: "Day relative to the index operation (0 = day of surgery, negative = before it) on which an observation was made or a product given. No R5 equivalent: R5 would derive it from Observation.effective and the procedure date; stored here because trial outcomes are defined by it (e.g. IL-6 on POD 1, 3, 5)."
Context: Observation, Procedure, Specimen
* insert Conformance
* value[x] only integer
* valueInteger 1..1

Extension: ExoTrialSurgicalApproach
Id: exotrial-surgical-approach
Title: "Surgical approach"
Description: "Open, laparoscopic, robotic or transanal access. No R4/R5 Procedure element; R5 Procedure.method is not in R4."
Context: Procedure
* insert Conformance
* value[x] only CodeableConcept
* valueCodeableConcept 1..1
* valueCodeableConcept from ExoTrialSurgicalApproachVS (required)

Extension: ExoTrialAnastomosisTechnique
Id: exotrial-anastomosis-technique
Title: "Anastomosis technique"
Description: "How the anastomosis was made (stapled, hand-sewn). No R4/R5 equivalent."
Context: Procedure
* insert Conformance
* value[x] only CodeableConcept
* valueCodeableConcept 1..1
* valueCodeableConcept from ExoTrialAnastomosisTechniqueVS (required)

Extension: ExoTrialDivertingStoma
Id: exotrial-diverting-stoma
Title: "Diverting stoma"
Description: "Whether a diverting (protective) stoma was created with the anastomosis. No R4/R5 equivalent."
Context: Procedure
* insert Conformance
* value[x] only boolean
* valueBoolean 1..1

Extension: ExoTrialTumourHeight
Id: exotrial-tumour-height
Title: "Tumour height"
Description: "Distance of the rectal tumour's lower edge from the anal verge, in cm. No R4/R5 Procedure element (would be an Observation in a cancer-staging IG such as mCODE)."
Context: Procedure
* insert Conformance
* value[x] only Quantity
* valueQuantity 1..1
* valueQuantity.system 1..1
* valueQuantity.system = $ucum
* valueQuantity.code 1..1
* valueQuantity.code = #cm
