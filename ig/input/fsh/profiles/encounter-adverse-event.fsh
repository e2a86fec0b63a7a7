Profile: ExoTrialSurgicalStay
Parent: Encounter
Id: exotrial-surgical-stay
Title: "Postoperative hospital stay"
Description: "Inpatient stay after the index operation: period (admission to discharge) and length in days, the trial's length-of-stay outcome."
* insert Conformance
* insert InStudy
* obeys exotrial-stay-length-days
* status MS
* class = $v3-ActCode#IMP
* type 1..1 MS
* type = $exo-enc#surgical-stay
* subject 1..1 MS
* subject only Reference(Patient)
* period 1..1 MS
* period.start 1..1
* period.end MS
* length MS
* reasonReference MS
* reasonReference only Reference(Procedure)

Profile: ExoTrialAdverseEvent
Parent: AdverseEvent
Id: exotrial-adverse-event
Title: "Adverse event in a study"
Description: "An adverse event of a study participant, linked to the study (AdverseEvent.study) and the patient; suspectEntity names the administration or operation suspected."
* insert Conformance
* actuality MS
* event 1..1 MS
* subject MS
* subject only Reference(Patient)
* date 1..1 MS
* seriousness MS
* severity MS
* outcome MS
* suspectEntity MS
* study 1..* MS
* study only Reference(ExoTrialStudy)
