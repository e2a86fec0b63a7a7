// Codes that identify what a resource is. The server infers the required profile from them, so each code belongs
// to exactly one profile (see docs/ig/README.md, "Which profile a resource needs").

CodeSystem: ExoTrialObservationCodes
Id: exotrial-observation
Title: "ExoTrial observation codes"
Description: "Observation codes for study outcomes that have no LOINC or SNOMED CT code (checked against the public code lists: none found for these instruments and assessments)."
* insert OwnCodeSystem
* #ccis "Cleveland Clinic Incontinence Score (CCIS, Wexner) total" "Sum of the five CCIS items; 0 = perfect continence, 20 = complete incontinence."
* #qolafq "Quality of Life in Patients with Anal Fistula Questionnaire (QoLAF-Q) total" "Summed score 14-70: 14 no impact, 15-28 limited, 29-42 moderate, 43-56 high, 57-70 very high impact."
* #fistula-healing "Anal fistula healing" "Healing of the fistula tract, assessed clinically (epithelialisation, no drainage on compression) or radiologically (MRI)."
* #colonoscopy-integrity "Anastomosis integrity at colonoscopy" "Endoscopic appearance of the colorectal anastomosis."
* #isrec-grade "Anastomotic leak grade (ISREC)" "Component of an anastomotic-leak observation carrying the ISREC grade."
* #tnf-alpha-peritoneal "Tumor necrosis factor alpha [Mass/volume] in peritoneal (drain) fluid" "Local code: no LOINC code for TNF-alpha in body or peritoneal fluid was confirmed. Serum/plasma TNF-alpha uses LOINC 3074-2."

CodeSystem: ExoTrialProcedureCodes
Id: exotrial-procedure
Title: "ExoTrial procedure codes"
Description: "Procedures of the ExoTrial studies without an unambiguous standard code: MSC-product administration and anal fistula operations."
* insert OwnCodeSystem
* #msc-administration "Administration of a mesenchymal stem/stromal cell derived product" "Exosome/extracellular vesicle, secretome, live-cell or placebo administration in a study."
* #incision-drainage "Incision and drainage of perianal abscess"
* #laser-closure "Fistula laser closure (FiLaC)"
* #advancement-flap "Endoanal advancement flap"
* #seton "Loose seton placement" "The period's end is the date the seton was removed."
* #curettage-internal-opening-closure "Curettage of fistula tract and closure of the internal opening"

CodeSystem: ExoTrialEncounterTypeCS
Id: exotrial-encounter-type
Title: "ExoTrial encounter types"
Description: "Encounter types used by ExoTrial."
* insert OwnCodeSystem
* #surgical-stay "Postoperative hospital stay" "Inpatient stay from the index operation to discharge; its length is the trial's length-of-stay outcome."

CodeSystem: ExoTrialLibraryTypeCS
Id: exotrial-library-type
Title: "ExoTrial library types"
Description: "Kinds of Library the server holds. R4 has no ViewDefinition resource, so each of the guide's SQL-on-FHIR views is served as a Library of this type with the view as its JSON content."
* insert OwnCodeSystem
* #view-definition "SQL on FHIR ViewDefinition" "A SQL-on-FHIR v2 ViewDefinition, carried as the Library's application/json content; Library.url is the view's canonical URL."
