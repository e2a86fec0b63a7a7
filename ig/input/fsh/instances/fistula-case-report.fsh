// Case report (seeds/case-report-exosomes-anal-fistula.txt), with the article's values. Where the article gives
// only a month or a year (earlier operations), the day is illustrative and the note says so.
// No adverse events were reported, so there is no AdverseEvent resource (absence is the record).

RuleSet: InCaseReport
* extension[study].valueReference = Reference(fistula-case-report)
* subject = Reference(fistula-patient)

Instance: istanbul-health-technology-university
InstanceOf: Organization
Title: "General Surgery, Istanbul Health and Technology University"
Usage: #example
* identifier[0].system = $resource-id
* identifier[0].value = "org-istun-general-surgery"
* active = true
* name = "General Surgery, Istanbul Health and Technology University"
* address[0].city = "Istanbul"
* address[0].country = "TR"

Instance: livmedcell
InstanceOf: Organization
Title: "LivMedCell, Liv Hospital Ulus"
Usage: #example
* identifier[0].system = $resource-id
* identifier[0].value = "org-livmedcell"
* active = true
* name = "Center for Regenerative Medicine and Stem Cell Research and Manufacturing (LivMedCell), Liv Hospital Ulus"
* address[0].city = "Istanbul"
* address[0].country = "TR"

Instance: fistula-case-report
InstanceOf: ExoTrialStudy
Title: "Case report: umbilical MSC exosomes for a refractory complex anal fistula"
Usage: #example
* identifier[0].system = "https://doi.org"
* identifier[0].value = "10.7759/cureus.104324"
* title = "Complete Healing After Umbilical Mesenchymal Stem Cell-Derived Exosome Therapy For a Refractory Complex Anal Fistula"
* status = #completed
* primaryPurposeType = $rs-purpose#treatment "Treatment"
* phase = $rs-phase#n-a "N/A"
* category[0] = $study-type#case-report
* condition[0].text = "Complex anterior cryptoglandular (non-Crohn) anal fistula, refractory to multiple operations"
* keyword[0].text = "exosome therapy"
* keyword[+].text = "anal fistula"
* description = "45-year-old woman with a complex anterior anal fistula refractory to incision and drainage, two laser closures and two endoanal advancement flaps, with new-onset flatus incontinence. Curettage and closure of the internal opening, then local Wharton jelly (umbilical cord) MSC exosomes (5 mL, 1.0e10 particles by NTA) at baseline and three weeks later. Complete epithelialisation after the second dose; MRI-confirmed healing at six months; CCIS 10 to 0, QoLAF-Q 51 to 28; no adverse events. Cited comparators are in the registry as pak-2023-placental-exosomes-fistula and admire-cd-darvadstrocel."
* period.start = "2025-06-02"
* period.end = "2025-11-28"
* sponsor = Reference(istanbul-health-technology-university)
* relatedArtifact[0].type = #citation
* relatedArtifact[0].citation = "Arslan NC, Erenler I, Karaoz E. Complete Healing After Umbilical Mesenchymal Stem Cell-Derived Exosome Therapy For a Refractory Complex Anal Fistula. Cureus 18(2): e104324 (2026). doi:10.7759/cureus.104324"
* extension[allocation].valueCodeableConcept = $allocation#na
* extension[masking].valueCodeableConcept = $masking#none
* extension[targetEnrollment].valueUnsignedInt = 1
* extension[outcomeMeasure][0].extension[name].valueString = "Complete healing"
* extension[outcomeMeasure][=].extension[type].valueCodeableConcept = $outcome-type#primary
* extension[outcomeMeasure][=].extension[description].valueMarkdown = "Full epithelialisation of the external opening with no drainage, spontaneously or on gentle compression, confirmed with MRI"
* extension[outcomeMeasure][=].extension[timeFrame].valueString = "6 months"
* extension[outcomeMeasure][+].extension[name].valueString = "Quality of life and continence (QoLAF-Q, CCIS)"
* extension[outcomeMeasure][=].extension[type].valueCodeableConcept = $outcome-type#primary
* extension[outcomeMeasure][=].extension[description].valueMarkdown = "Resolution of fistula symptoms and incontinence measured by QoLAF-Q (14-70) and CCIS (0-20)"
* extension[outcomeMeasure][=].extension[timeFrame].valueString = "6 months"
* arm[0].name = "Umbilical MSC exosomes"
* arm[=].type = $arm-type#experimental
* arm[=].description = "Curettage and internal opening closure, then local Wharton jelly MSC-derived exosomes, 1.0e10 particles in 5 mL, at baseline and after three weeks"

Instance: fistula-patient
InstanceOf: Patient
Title: "Case report patient (45-year-old woman)"
Usage: #example
* identifier[0].type = $v2-0203#MR
* identifier[0].system = $mrn
* identifier[0].value = "ISTUN-2025-0457"
* gender = #female
* birthDate = "1980"
* address[0].city = "Istanbul"
* address[0].country = "TR"

Instance: fistula-subject
InstanceOf: ExoTrialSubject
Title: "Case report subject"
Usage: #example
* identifier[0].system = $subject-number
* identifier[0].value = "CR-FISTULA-01"
* status = #off-study
* period.start = "2025-06-02"
* period.end = "2025-11-28"
* study = Reference(fistula-case-report)
* individual = Reference(fistula-patient)
* assignedArm = "Umbilical MSC exosomes"
* actualArm = "Umbilical MSC exosomes"

// Earlier operations (2021-2025).
Instance: fistula-incision-drainage-1
InstanceOf: ExoTrialFistulaProcedure
Title: "Incision and drainage of perianal abscess (1)"
Usage: #example
* insert InCaseReport
* status = #completed
* code = $exo-proc#incision-drainage
* performedDateTime = "2021"
* note[0].text = "One of several incision and drainage procedures for recurrent abscesses between 2021 and 2024 (year illustrative)."

Instance: fistula-incision-drainage-2
InstanceOf: ExoTrialFistulaProcedure
Title: "Incision and drainage of perianal abscess (2)"
Usage: #example
* insert InCaseReport
* status = #completed
* code = $exo-proc#incision-drainage
* performedDateTime = "2021"
* note[0].text = "One of several incision and drainage procedures (year illustrative)."

Instance: fistula-incision-drainage-3
InstanceOf: ExoTrialFistulaProcedure
Title: "Incision and drainage of perianal abscess (3)"
Usage: #example
* insert InCaseReport
* status = #completed
* code = $exo-proc#incision-drainage
* performedDateTime = "2022"
* note[0].text = "One of several incision and drainage procedures (year illustrative)."

Instance: fistula-laser-closure-1
InstanceOf: ExoTrialFistulaProcedure
Title: "Fistula laser closure (1), failed"
Usage: #example
* insert InCaseReport
* status = #completed
* code = $exo-proc#laser-closure
* performedDateTime = "2022"
* outcome.text = "Failed"

Instance: fistula-laser-closure-2
InstanceOf: ExoTrialFistulaProcedure
Title: "Fistula laser closure (2), failed"
Usage: #example
* insert InCaseReport
* status = #completed
* code = $exo-proc#laser-closure
* performedDateTime = "2023"
* outcome.text = "Failed"

Instance: fistula-advancement-flap-1
InstanceOf: ExoTrialFistulaProcedure
Title: "Endoanal advancement flap (1), early recurrence"
Usage: #example
* insert InCaseReport
* status = #completed
* code = $exo-proc#advancement-flap
* performedDateTime = "2024"
* outcome.text = "Failed: early recurrence at three months"

Instance: fistula-advancement-flap-2
InstanceOf: ExoTrialFistulaProcedure
Title: "Endoanal advancement flap (2), dehisced"
Usage: #example
* insert InCaseReport
* status = #completed
* code = $exo-proc#advancement-flap
* performedDateTime = "2025-02"
* outcome.text = "Failed"
* complication[0].text = "Complete flap dehiscence and fecal leakage on the fourth postoperative day"

Instance: fistula-seton
InstanceOf: ExoTrialFistulaProcedure
Title: "Loose seton, removed after two weeks"
Usage: #example
* insert InCaseReport
* status = #completed
* code = $exo-proc#seton
* performedPeriod.start = "2025-02"
* performedPeriod.end = "2025-03"
* note[0].text = "Placed immediately after failure of the second advancement flap to control sepsis; removed two weeks later."

// Baseline scores (after the second flap, observed March-May 2025; day illustrative).
Instance: fistula-ccis-baseline
InstanceOf: ExoTrialCcis
Title: "CCIS at baseline: 10"
Usage: #example
* insert InCaseReport
* status = #final
* category = $obs-category#survey
* code = $exo-obs#ccis
* effectiveDateTime = "2025-05-26"
* valueInteger = 10
* component[solid].code = $ccis-item#solid
* component[solid].valueInteger = 0
* component[liquid].code = $ccis-item#liquid
* component[liquid].valueInteger = 0
* component[gas].code = $ccis-item#gas
* component[gas].valueInteger = 4
* component[pad].code = $ccis-item#pad
* component[pad].valueInteger = 3
* component[lifestyle].code = $ccis-item#lifestyle
* component[lifestyle].valueInteger = 3
* note[0].text = "Total 10 as reported; the split into items is illustrative (the article reports new-onset flatus incontinence, not the item scores)."

Instance: fistula-qolafq-baseline
InstanceOf: ExoTrialQolafq
Title: "QoLAF-Q at baseline: 51"
Usage: #example
* insert InCaseReport
* status = #final
* category = $obs-category#survey
* code = $exo-obs#qolafq
* effectiveDateTime = "2025-05-26"
* valueInteger = 51

// Salvage treatment: curettage + internal opening closure, exosomes at baseline and three weeks.
Instance: fistula-curettage
InstanceOf: ExoTrialFistulaProcedure
Title: "Curettage and closure of the internal opening"
Usage: #example
* insert InCaseReport
* status = #completed
* code = $exo-proc#curettage-internal-opening-closure
* performedDateTime = "2025-06-02"
* note[0].text = "Under local anaesthesia, left decubitus: tract debrided by curettage, internal opening closed with absorbable sutures."

Instance: fistula-exosome-dose-1
InstanceOf: ExoTrialMscAdministration
Title: "Umbilical MSC exosomes, dose 1 (1.0e10 particles)"
Usage: #example
* insert InCaseReport
* extension[productType].valueCodeableConcept = $product-type#exosome
* extension[sourceTissue].valueCodeableConcept = $source-tissue#umbilical-cord
* extension[route].valueCodeableConcept = $sct#372466002 "Intralesional route"
* extension[particleDose].valueQuantity = 10000000000 '{particles}' "particles"
* extension[volume].valueQuantity = 5 'mL' "mL"
* extension[concentration].valueQuantity = 2000000000 '{particles}/mL' "particles/mL"
* extension[doseNumber].valuePositiveInt = 1
* extension[postoperativeDay].valueInteger = 0
* status = #completed
* code = $exo-proc#msc-administration
* performedDateTime = "2025-06-02"
* partOf = Reference(fistula-curettage)
* performer[0].actor = Reference(livmedcell)
* performer[0].function.text = "Product manufacturer (GMP)"
* note[0].text = "Wharton jelly MSC (P4) exosomes by ultracentrifugation, NTA-counted, CD81/CD9/CD63 positive; injected into the walls of the tract and surrounding tissue."

Instance: fistula-exosome-dose-2
InstanceOf: ExoTrialMscAdministration
Title: "Umbilical MSC exosomes, dose 2 (1.0e10 particles), three weeks later"
Usage: #example
* insert InCaseReport
* extension[productType].valueCodeableConcept = $product-type#exosome
* extension[sourceTissue].valueCodeableConcept = $source-tissue#umbilical-cord
* extension[route].valueCodeableConcept = $sct#372466002 "Intralesional route"
* extension[particleDose].valueQuantity = 10000000000 '{particles}' "particles"
* extension[volume].valueQuantity = 5 'mL' "mL"
* extension[concentration].valueQuantity = 2000000000 '{particles}/mL' "particles/mL"
* extension[doseNumber].valuePositiveInt = 2
* extension[postoperativeDay].valueInteger = 21
* status = #completed
* code = $exo-proc#msc-administration
* performedDateTime = "2025-06-23"
* performer[0].actor = Reference(livmedcell)
* performer[0].function.text = "Product manufacturer (GMP)"

// Outcomes.
Instance: fistula-healing-week3
InstanceOf: ExoTrialFistulaHealing
Title: "Three weeks after dose 1: wound about 50% smaller"
Usage: #example
* insert InCaseReport
* extension[postoperativeDay].valueInteger = 21
* status = #final
* category = $obs-category#exam
* code = $exo-obs#fistula-healing
* method = $method#clinical
* effectiveDateTime = "2025-06-23"
* valueCodeableConcept = $healing#improved
* focus = Reference(fistula-curettage)
* note[0].text = "Healthy granulation, wound reduced by more than 50%; less discharge and discomfort."

Instance: fistula-healing-clinical
InstanceOf: ExoTrialFistulaHealing
Title: "Complete epithelialisation after dose 2"
Usage: #example
* insert InCaseReport
* extension[postoperativeDay].valueInteger = 35
* status = #final
* category = $obs-category#exam
* code = $exo-obs#fistula-healing
* method = $method#clinical
* effectiveDateTime = "2025-07-07"
* valueCodeableConcept = $healing#healed
* focus = Reference(fistula-curettage)
* note[0].text = "Full epithelialisation of the external opening, no drainage on gentle compression (within two to three weeks after the second application)."

Instance: fistula-healing-mri
InstanceOf: ExoTrialFistulaHealing
Title: "MRI-confirmed healing at six months"
Usage: #example
* insert InCaseReport
* extension[postoperativeDay].valueInteger = 179
* status = #final
* category = $obs-category#exam
* code = $exo-obs#fistula-healing
* method = $method#mri
* effectiveDateTime = "2025-11-28"
* valueCodeableConcept = $healing#healed
* focus = Reference(fistula-curettage)
* note[0].text = "No residual tract or collection; intersphincteric and ischioanal fat planes restored; internal opening closed with scar tissue."

Instance: fistula-ccis-6-months
InstanceOf: ExoTrialCcis
Title: "CCIS at six months: 0"
Usage: #example
* insert InCaseReport
* extension[postoperativeDay].valueInteger = 179
* status = #final
* category = $obs-category#survey
* code = $exo-obs#ccis
* effectiveDateTime = "2025-11-28"
* valueInteger = 0
* component[solid].code = $ccis-item#solid
* component[solid].valueInteger = 0
* component[liquid].code = $ccis-item#liquid
* component[liquid].valueInteger = 0
* component[gas].code = $ccis-item#gas
* component[gas].valueInteger = 0
* component[pad].code = $ccis-item#pad
* component[pad].valueInteger = 0
* component[lifestyle].code = $ccis-item#lifestyle
* component[lifestyle].valueInteger = 0

Instance: fistula-qolafq-6-months
InstanceOf: ExoTrialQolafq
Title: "QoLAF-Q at six months: 28"
Usage: #example
* insert InCaseReport
* extension[postoperativeDay].valueInteger = 179
* status = #final
* category = $obs-category#survey
* code = $exo-obs#qolafq
* effectiveDateTime = "2025-11-28"
* valueInteger = 28
