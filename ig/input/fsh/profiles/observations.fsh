// Every Observation profile is identified by its code (a fixed pattern or a required value set of codes that no
// other profile uses), so the server can tell from the code which profile a resource must meet.

Profile: ExoTrialIl6
Parent: Observation
Id: exotrial-il6
Title: "Interleukin-6"
Description: "IL-6 in serum/plasma (LOINC 26881-3) or peritoneal drain fluid (LOINC 49732-1 with a peritoneal-fluid specimen), in pg/mL, on a postoperative day."
* insert Conformance
* insert ObservationBasics(laboratory)
* obeys exotrial-body-fluid-specimen
* extension contains ExoTrialPostoperativeDay named postoperativeDay 0..1 MS
* code MS
* code from ExoTrialIl6CodeVS (required)
* specimen MS
* value[x] 1..1 MS
* value[x] only Quantity
* valueQuantity obeys exotrial-pg-per-ml

Profile: ExoTrialTnfAlpha
Parent: Observation
Id: exotrial-tnf-alpha
Title: "Tumour necrosis factor alpha"
Description: "TNF-alpha in serum/plasma (LOINC 3074-2) or peritoneal drain fluid (local code, with a peritoneal-fluid specimen), in pg/mL, on a postoperative day."
* insert Conformance
* insert ObservationBasics(laboratory)
* obeys exotrial-body-fluid-specimen
* extension contains ExoTrialPostoperativeDay named postoperativeDay 0..1 MS
* code MS
* code from ExoTrialTnfAlphaCodeVS (required)
* specimen MS
* value[x] 1..1 MS
* value[x] only Quantity
* valueQuantity obeys exotrial-pg-per-ml

Profile: ExoTrialCcis
Parent: Observation
Id: exotrial-ccis
Title: "Cleveland Clinic Incontinence Score"
Description: "CCIS (Wexner) total 0-20 with its five items (solid, liquid, gas, pad, lifestyle), each 0-4; the total equals the sum of the items."
* insert Conformance
* insert ObservationBasics(survey)
* obeys exotrial-ccis-total-range and exotrial-ccis-total-sum
* extension contains ExoTrialPostoperativeDay named postoperativeDay 0..1
* code MS
* code = $exo-obs#ccis
* value[x] 1..1 MS
* value[x] only integer
* component MS
* component obeys exotrial-ccis-item-range
* component.code from ExoTrialCcisItemVS (required)
* component.value[x] 1..1
* component.value[x] only integer
* component ^slicing.discriminator.type = #pattern
* component ^slicing.discriminator.path = "code"
* component ^slicing.rules = #open
* component contains solid 0..1 MS and liquid 0..1 MS and gas 0..1 MS and pad 0..1 MS and lifestyle 0..1 MS
* component[solid].code = $ccis-item#solid
* component[liquid].code = $ccis-item#liquid
* component[gas].code = $ccis-item#gas
* component[pad].code = $ccis-item#pad
* component[lifestyle].code = $ccis-item#lifestyle

Profile: ExoTrialQolafq
Parent: Observation
Id: exotrial-qolafq
Title: "QoLAF-Q"
Description: "Quality of Life in Patients with Anal Fistula Questionnaire: total 14-70; domain scores optional."
* insert Conformance
* insert ObservationBasics(survey)
* obeys exotrial-qolafq-range
* extension contains ExoTrialPostoperativeDay named postoperativeDay 0..1
* code MS
* code = $exo-obs#qolafq
* value[x] 1..1 MS
* value[x] only integer
* component.code from ExoTrialQolafqDomainVS (required)
* component.value[x] only integer

Profile: ExoTrialAnastomoticLeak
Parent: Observation
Id: exotrial-anastomotic-leak
Title: "Anastomotic leak"
Description: "Whether an anastomotic leak occurred after the operation in `focus` (SNOMED CT 236091002): present/absent, ISREC grade A/B/C when present, and the postoperative day it was detected (or assessed, when absent)."
* insert Conformance
* insert ObservationBasics(exam)
* obeys exotrial-leak-grade
* extension contains ExoTrialPostoperativeDay named postoperativeDay 1..1 MS
* extension[postoperativeDay] ^short = "Day the leak was detected (or, when absent, last assessed)"
* code MS
* code = $sct#236091002
* focus 1..1 MS
* focus only Reference(Procedure)
* focus ^short = "The operation that made the anastomosis (exotrial-lar)"
* value[x] 1..1 MS
* value[x] only CodeableConcept
* valueCodeableConcept from ExoTrialLeakStatusVS (required)
* component MS
* component ^slicing.discriminator.type = #pattern
* component ^slicing.discriminator.path = "code"
* component ^slicing.rules = #open
* component contains grade 0..1 MS
* component[grade].code = $exo-obs#isrec-grade
* component[grade].value[x] 1..1
* component[grade].value[x] only CodeableConcept
* component[grade].valueCodeableConcept from ExoTrialIsrecGradeVS (required)

Profile: ExoTrialFistulaHealing
Parent: Observation
Id: exotrial-fistula-healing
Title: "Anal fistula healing"
Description: "Healing of an anal fistula, assessed clinically (epithelialisation, no drainage) or by MRI (method)."
* insert Conformance
* insert ObservationBasics(exam)
* extension contains ExoTrialPostoperativeDay named postoperativeDay 0..1
* code MS
* code = $exo-obs#fistula-healing
* method 1..1 MS
* method from ExoTrialAssessmentMethodVS (required)
* value[x] 1..1 MS
* value[x] only CodeableConcept
* valueCodeableConcept from ExoTrialFistulaHealingStatusVS (required)
* focus MS
* focus only Reference(Procedure)

Profile: ExoTrialColonoscopyIntegrity
Parent: Observation
Id: exotrial-colonoscopy-integrity
Title: "Anastomosis integrity at colonoscopy"
Description: "Anastomosis integrity at colonoscopy (one month after surgery in the LAR trial): intact, dehiscence or stricture."
* insert Conformance
* insert ObservationBasics(procedure)
* extension contains ExoTrialPostoperativeDay named postoperativeDay 0..1 MS
* code MS
* code = $exo-obs#colonoscopy-integrity
* focus MS
* focus only Reference(Procedure)
* value[x] 1..1 MS
* value[x] only CodeableConcept
* valueCodeableConcept from ExoTrialColonoscopyFindingVS (required)
