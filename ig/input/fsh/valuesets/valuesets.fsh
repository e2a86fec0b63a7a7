// One value set per own code system (bound `required` wherever the IG's own codes are used), plus the few
// value sets that select standard LOINC / SNOMED CT codes. Standard-code value sets list their codes explicitly,
// so validators check membership in memory, without a LOINC or SNOMED CT terminology server.

RuleSet: AllCodesOf(system)
* insert Conformance
* include codes from system {system}

ValueSet: ExoTrialCcisItemVS
Id: exotrial-ccis-item
Title: "CCIS items"
Description: "The five CCIS items."
* insert AllCodesOf($ccis-item)

ValueSet: ExoTrialCcisFrequencyVS
Id: exotrial-ccis-frequency
Title: "CCIS frequency scale"
Description: "Answers of a CCIS item."
* insert AllCodesOf($ccis-frequency)

ValueSet: ExoTrialQolafqDomainVS
Id: exotrial-qolafq-domain
Title: "QoLAF-Q domains"
Description: "QoLAF-Q domain scores."
* insert AllCodesOf($qolafq-domain)

ValueSet: ExoTrialIsrecGradeVS
Id: exotrial-isrec-grade
Title: "ISREC grades"
Description: "ISREC anastomotic leak grades A, B, C."
* insert AllCodesOf($isrec)

ValueSet: ExoTrialLeakStatusVS
Id: exotrial-leak-status
Title: "Anastomotic leak status"
Description: "Leak present or absent."
* insert AllCodesOf($leak-status)

ValueSet: ExoTrialColonoscopyFindingVS
Id: exotrial-colonoscopy-finding
Title: "Colonoscopy anastomosis findings"
Description: "Intact, dehiscence, stricture."
* insert AllCodesOf($colonoscopy)

ValueSet: ExoTrialFistulaHealingStatusVS
Id: exotrial-fistula-healing-status
Title: "Fistula healing status"
Description: "Results of a fistula healing assessment."
* insert AllCodesOf($healing)

ValueSet: ExoTrialAssessmentMethodVS
Id: exotrial-assessment-method
Title: "Healing assessment methods"
Description: "Clinical examination or MRI."
* insert AllCodesOf($method)

ValueSet: ExoTrialMscProductTypeVS
Id: exotrial-msc-product-type
Title: "MSC-derived product types"
Description: "Exosome/EV, secretome, live cells, placebo."
* insert AllCodesOf($product-type)

ValueSet: ExoTrialSourceTissueVS
Id: exotrial-source-tissue
Title: "MSC source tissues"
Description: "Placenta, umbilical cord (Wharton jelly), adipose tissue, bone marrow."
* insert AllCodesOf($source-tissue)

ValueSet: ExoTrialStudyTypeVS
Id: exotrial-study-type
Title: "Study types"
Description: "Interventional, observational, case report, review."
* insert AllCodesOf($study-type)

ValueSet: ExoTrialAllocationVS
Id: exotrial-allocation
Title: "Allocation"
Description: "Randomized, non-randomized, not applicable."
* insert AllCodesOf($allocation)

ValueSet: ExoTrialMaskingVS
Id: exotrial-masking
Title: "Masking"
Description: "None to quadruple."
* insert AllCodesOf($masking)

ValueSet: ExoTrialBlindedRoleVS
Id: exotrial-blinded-role
Title: "Blinded roles"
Description: "Participant, care provider, investigator, outcomes assessor."
* insert AllCodesOf($blinded-role)

ValueSet: ExoTrialOutcomeTypeVS
Id: exotrial-outcome-type
Title: "Outcome measure types"
Description: "Primary, secondary, exploratory."
* insert AllCodesOf($outcome-type)

ValueSet: ExoTrialArmTypeVS
Id: exotrial-arm-type
Title: "Arm types"
Description: "ClinicalTrials.gov arm group types."
* insert AllCodesOf($arm-type)

ValueSet: ExoTrialAnastomosisTechniqueVS
Id: exotrial-anastomosis-technique
Title: "Anastomosis techniques"
Description: "Stapled or hand-sewn anastomoses."
* insert AllCodesOf($anastomosis)

ValueSet: ExoTrialSurgicalApproachVS
Id: exotrial-surgical-approach
Title: "Surgical approaches"
Description: "Open, laparoscopic, robotic, transanal."
* insert AllCodesOf($approach)

ValueSet: ExoTrialFistulaProcedureVS
Id: exotrial-fistula-procedure
Title: "Anal fistula procedures"
Description: "Operations for anal fistula and perianal abscess (codes of exotrial-fistula-procedure)."
* insert Conformance
* $exo-proc#incision-drainage
* $exo-proc#laser-closure
* $exo-proc#advancement-flap
* $exo-proc#seton
* $exo-proc#curettage-internal-opening-closure

ValueSet: ExoTrialIl6CodeVS
Id: exotrial-il6-code
Title: "IL-6 observation codes"
Description: "LOINC codes for interleukin-6: serum/plasma, and body fluid (used with a peritoneal drain-fluid specimen)."
* insert Conformance
* $loinc#26881-3 "Interleukin 6 [Mass/volume] in Serum or Plasma"
* $loinc#49732-1 "Interleukin 6 [Mass/volume] in Body fluid"

ValueSet: ExoTrialTnfAlphaCodeVS
Id: exotrial-tnf-alpha-code
Title: "TNF-alpha observation codes"
Description: "LOINC 3074-2 for serum/plasma; a local code for peritoneal (drain) fluid, for which no LOINC code was confirmed."
* insert Conformance
* $loinc#3074-2 "Tumor necrosis factor.alpha [Mass/volume] in Serum or Plasma"
* $exo-obs#tnf-alpha-peritoneal

ValueSet: ExoTrialRouteVS
Id: exotrial-route
Title: "MSC-product administration routes"
Description: "SNOMED CT routes of administration used in the ExoTrial studies."
* insert Conformance
* $sct#38239002 "Intraperitoneal route"
* $sct#47625008 "Intravenous route"
* $sct#372466002 "Intralesional route"
* $sct#6064005 "Topical route"

ValueSet: ExoTrialSpecimenTypeVS
Id: exotrial-specimen-type
Title: "Specimen types"
Description: "Specimens of the ExoTrial laboratory observations."
* insert Conformance
* $sct#119364003 "Serum specimen"
* $sct#168139001 "Peritoneal fluid sample"
