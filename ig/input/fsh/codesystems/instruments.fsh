CodeSystem: ExoTrialCcisItemCS
Id: exotrial-ccis-item
Title: "CCIS items"
Description: "The five items of the Cleveland Clinic (Wexner) Incontinence Score (Jorge & Wexner 1993); each is scored on the 0-4 frequency scale (ExoTrialCcisFrequency)."
* insert OwnCodeSystem
* #solid "Incontinence to solid stool"
* #liquid "Incontinence to liquid stool"
* #gas "Incontinence to gas"
* #pad "Wears pad"
* #lifestyle "Lifestyle alteration"

CodeSystem: ExoTrialCcisFrequencyCS
Id: exotrial-ccis-frequency
Title: "CCIS frequency scale"
Description: "Frequency scale of every CCIS item. The item score (Observation.component.valueInteger) is the code's score property."
* insert OwnCodeSystem
* ^property[0].code = #score
* ^property[0].type = #integer
* ^property[0].description = "Points this answer adds to the CCIS total"
* #never "Never" "0 points"
* #never ^property[0].code = #score
* #never ^property[0].valueInteger = 0
* #rarely "Rarely (< 1/month)" "1 point"
* #rarely ^property[0].code = #score
* #rarely ^property[0].valueInteger = 1
* #sometimes "Sometimes (< 1/week, >= 1/month)" "2 points"
* #sometimes ^property[0].code = #score
* #sometimes ^property[0].valueInteger = 2
* #usually "Usually (< 1/day, >= 1/week)" "3 points"
* #usually ^property[0].code = #score
* #usually ^property[0].valueInteger = 3
* #always "Always (>= 1/day)" "4 points"
* #always ^property[0].code = #score
* #always ^property[0].valueInteger = 4

CodeSystem: ExoTrialQolafqDomainCS
Id: exotrial-qolafq-domain
Title: "QoLAF-Q domains"
Description: "Domains of the Quality of Life in Patients with Anal Fistula Questionnaire (Ferrer-Marquez et al. 2017); optional components of a QoLAF-Q observation."
* insert OwnCodeSystem
* #physical "Physical impact domain"
* #biopsychosocial "Biopsychosocial impact domain"

CodeSystem: ExoTrialIsrecGradeCS
Id: exotrial-isrec-grade
Title: "ISREC anastomotic leak grades"
Description: "Grades of anastomotic leakage after anterior resection (International Study Group of Rectal Cancer, Rahbari et al. 2010)."
* insert OwnCodeSystem
* #A "Grade A" "Leak needing no active therapeutic intervention."
* #B "Grade B" "Leak needing active therapeutic intervention manageable without re-laparotomy."
* #C "Grade C" "Leak needing re-laparotomy."

CodeSystem: ExoTrialLeakStatusCS
Id: exotrial-leak-status
Title: "Anastomotic leak status"
Description: "Whether an anastomotic leak was found."
* insert OwnCodeSystem
* #present "Leak present"
* #absent "No leak"

CodeSystem: ExoTrialColonoscopyFindingCS
Id: exotrial-colonoscopy-finding
Title: "Anastomosis findings at colonoscopy"
Description: "Integrity of the colorectal anastomosis as seen at colonoscopy."
* insert OwnCodeSystem
* #intact "Intact anastomosis"
* #dehiscence "Anastomotic dehiscence"
* #stricture "Anastomotic stricture"

CodeSystem: ExoTrialFistulaHealingStatusCS
Id: exotrial-fistula-healing-status
Title: "Anal fistula healing status"
Description: "Result of a fistula healing assessment."
* insert OwnCodeSystem
* #healed "Healed" "Clinical: full epithelialisation of the external opening, no drainage on gentle compression. MRI: no residual tract or collection."
* #improved "Improved, not healed" "Wound smaller or less drainage, tract still open."
* #not-healed "Not healed"
* #recurrence "Recurrence"

CodeSystem: ExoTrialAssessmentMethodCS
Id: exotrial-assessment-method
Title: "Healing assessment methods"
Description: "How fistula healing was assessed."
* insert OwnCodeSystem
* #clinical "Clinical examination"
* #mri "Magnetic resonance imaging"
