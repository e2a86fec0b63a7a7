CodeSystem: ExoTrialStudyTypeCS
Id: exotrial-study-type
Title: "Study types"
Description: "Kind of study record (ResearchStudy.category)."
* insert OwnCodeSystem
* #interventional "Interventional study"
* #observational "Observational study"
* #case-report "Case report"
* #review "Literature review"

CodeSystem: ExoTrialAllocationCS
Id: exotrial-allocation
Title: "Allocation"
Description: "How participants are assigned to arms (ClinicalTrials.gov DesignAllocation; R5 expresses this in ResearchStudy.studyDesign)."
* insert OwnCodeSystem
* #randomized "Randomized"
* #non-randomized "Non-randomized"
* #na "Not applicable" "Single-arm studies and case reports."

CodeSystem: ExoTrialMaskingCS
Id: exotrial-masking
Title: "Masking"
Description: "Masking (blinding) of a study (ClinicalTrials.gov DesignMasking; R5 expresses this in ResearchStudy.studyDesign)."
* insert OwnCodeSystem
* #none "None (open label)"
* #single "Single"
* #double "Double"
* #triple "Triple"
* #quadruple "Quadruple"

CodeSystem: ExoTrialBlindedRoleCS
Id: exotrial-blinded-role
Title: "Blinded roles"
Description: "Roles masked to arm assignment (ClinicalTrials.gov DesignWhoMasked)."
* insert OwnCodeSystem
* #participant "Participant"
* #care-provider "Care provider"
* #investigator "Investigator"
* #outcomes-assessor "Outcomes assessor"

CodeSystem: ExoTrialOutcomeTypeCS
Id: exotrial-outcome-type
Title: "Outcome measure types"
Description: "Whether an outcome measure is primary or secondary (R5 ResearchStudy.outcomeMeasure.type)."
* insert OwnCodeSystem
* #primary "Primary outcome"
* #secondary "Secondary outcome"
* #exploratory "Exploratory outcome"

CodeSystem: ExoTrialArmTypeCS
Id: exotrial-arm-type
Title: "Arm types"
Description: "Arm types (ClinicalTrials.gov ArmGroupType), for ResearchStudy.arm.type."
* insert OwnCodeSystem
* #experimental "Experimental"
* #active-comparator "Active comparator"
* #placebo-comparator "Placebo comparator"
* #no-intervention "No intervention"

CodeSystem: ExoTrialAnastomosisTechniqueCS
Id: exotrial-anastomosis-technique
Title: "Anastomosis techniques"
Description: "How the colorectal or coloanal anastomosis was made."
* insert OwnCodeSystem
* #stapled-end-to-end "Stapled end-to-end (double-stapled)"
* #stapled-side-to-end "Stapled side-to-end"
* #hand-sewn-coloanal "Hand-sewn coloanal"

CodeSystem: ExoTrialSurgicalApproachCS
Id: exotrial-surgical-approach
Title: "Surgical approaches"
Description: "Access route of the operation."
* insert OwnCodeSystem
* #open "Open (laparotomy)"
* #laparoscopic "Laparoscopic"
* #robotic "Robotic"
* #transanal "Transanal (TaTME)"
