Profile: ExoTrialStudy
Parent: ResearchStudy
Id: exotrial-study
Title: "ExoTrial study"
Description: "A clinical study of an MSC-derived therapy (trial, case report or review cohort): registry identifiers, design (allocation, masking, blinded roles), arms, target enrollment, sites and outcome measures."
* insert Conformance
* extension contains
    ExoTrialAllocation named allocation 0..1 MS and
    ExoTrialMasking named masking 0..1 MS and
    ExoTrialBlindedRole named blindedRole 0..* MS and
    ExoTrialTargetEnrollment named targetEnrollment 0..1 MS and
    ExoTrialOutcomeMeasure named outcomeMeasure 0..* MS
* identifier 1..* MS
* title 1..1 MS
* status MS
* primaryPurposeType 1..1 MS
* phase MS
* category 1..* MS
* category from ExoTrialStudyTypeVS (required)
* condition 1..* MS
* site MS
* arm 1..* MS
* arm.name MS
* arm.type 1..1 MS
* arm.type from ExoTrialArmTypeVS (required)
* arm.description 1..1 MS

Profile: ExoTrialSubject
Parent: ResearchSubject
Id: exotrial-subject
Title: "ExoTrial subject"
Description: "A patient's participation in an ExoTrial study: subject number, study, patient, status, assigned and actual arm, consent."
* insert Conformance
* identifier 1..* MS
* identifier.system 1..1
* identifier.value 1..1
* status MS
* study MS
* study only Reference(ExoTrialStudy)
* individual MS
* assignedArm 1..1 MS
* actualArm MS
* consent MS
