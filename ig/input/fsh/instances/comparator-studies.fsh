// Studies the case report cites as comparators, held as registry records (design and dosing; no participants).

Instance: pak-2023-placental-exosomes-fistula
InstanceOf: ExoTrialStudy
Title: "Placental MSC exosomes for complex perianal fistula (non-Crohn), phase I"
Usage: #example
* identifier[0].system = "https://doi.org"
* identifier[0].value = "10.1111/jgh.16110"
* title = "Safety and efficacy of injection of human placenta mesenchymal stem cells derived exosomes for treatment of complex perianal fistula in non-Crohn's cases: clinical trial phase I"
* status = #completed
* primaryPurposeType = $rs-purpose#treatment "Treatment"
* phase = $rs-phase#phase-1 "Phase 1"
* category[0] = $study-type#interventional
* condition[0].text = "Complex perianal fistula, non-Crohn"
* description = "Placental MSC exosomes, 25e9 particles per tract (0.5e10 particles/mL, 5 mL), weekly for three weeks; healing in 45% of non-Crohn fistulas (as cited by the ExoTrial case report)."
* relatedArtifact[0].type = #citation
* relatedArtifact[0].citation = "Pak H, Hadizadeh A, Heirani-Tabasi A, et al. J Gastroenterol Hepatol. 2023;38:539-47."
* extension[masking].valueCodeableConcept = $masking#none
* arm[0].name = "Placental MSC exosomes"
* arm[=].type = $arm-type#experimental
* arm[=].description = "25e9 particles per tract (0.5e10 particles/mL, 5 mL), weekly x3"

Instance: admire-cd-darvadstrocel
InstanceOf: ExoTrialStudy
Title: "ADMIRE-CD: adipose MSC (darvadstrocel, Cx601) for perianal Crohn fistula"
Usage: #example
* identifier[0].system = "https://doi.org"
* identifier[0].value = "10.1016/S0140-6736(16)31203-X"
* title = "Expanded allogeneic adipose-derived mesenchymal stem cells (Cx601) for complex perianal fistulas in Crohn's disease: a phase 3 randomised, double-blind controlled trial"
* status = #completed
* primaryPurposeType = $rs-purpose#treatment "Treatment"
* phase = $rs-phase#phase-3 "Phase 3"
* category[0] = $study-type#interventional
* condition[0].text = "Complex perianal fistula in Crohn's disease"
* description = "Combined remission at 24 weeks 50% with darvadstrocel versus 34% with placebo (p = 0.024)."
* relatedArtifact[0].type = #citation
* relatedArtifact[0].citation = "Panes J, et al. Lancet. 2016;388:1281-90."
* extension[allocation].valueCodeableConcept = $allocation#randomized
* extension[masking].valueCodeableConcept = $masking#double
* arm[0].name = "Darvadstrocel"
* arm[=].type = $arm-type#experimental
* arm[=].description = "Allogeneic adipose-derived MSCs (live cells), single intralesional injection"
* arm[+].name = "Placebo"
* arm[=].type = $arm-type#placebo-comparator
* arm[=].description = "Saline placebo"

Instance: secretome-route-study
InstanceOf: ExoTrialStudy
Title: "MSC secretome for anastomotic healing: intravenous versus topical injection"
Usage: #example
* identifier[0].system = $study-id
* identifier[0].value = "EXOTRIAL-SECRETOME-ROUTE"
* title = "Intravenous versus topical injection of mesenchymal stem cell secretome to restrain gastrointestinal anastomosis leakage"
* status = #completed
* primaryPurposeType = $rs-purpose#prevention "Prevention"
* category[0] = $study-type#interventional
* condition[0] = $sct#236091002 "Anastomotic leak of large intestine"
* description = "Demonstration study built on the review by Sentoso et al. (Int Res J Gastroenterol Hepatol 2025;8(1):1-8): the same product class (MSC secretome) given intravenously or by topical injection at the anastomosis, with a dose-dependent effect. Lets analysts compare outcomes by route, product type, source tissue and dose. Participants are synthetic."
* relatedArtifact[0].type = #citation
* relatedArtifact[0].citation = "Sentoso JW, Putra A, Budhi SA IB, Nugroho AN, Raharjo SW. Comparison of Intravenous and Topical Injection Administration Mesenchymal Stem Cell Secretome to Restrain Gastrointestinal Anastomosis Leakage: A Review. Int Res J Gastroenterol Hepatol. 2025;8(1):1-8."
* extension[allocation].valueCodeableConcept = $allocation#randomized
* extension[masking].valueCodeableConcept = $masking#none
* extension[targetEnrollment].valueUnsignedInt = 4
* extension[outcomeMeasure][0].extension[name].valueString = "Anastomotic leakage"
* extension[outcomeMeasure][=].extension[type].valueCodeableConcept = $outcome-type#primary
* extension[outcomeMeasure][=].extension[timeFrame].valueString = "1 month"
* extension[outcomeMeasure][+].extension[name].valueString = "Hospital length of stay"
* extension[outcomeMeasure][=].extension[type].valueCodeableConcept = $outcome-type#secondary
* extension[outcomeMeasure][=].extension[timeFrame].valueString = "1 month"
* arm[0].name = "Intravenous secretome"
* arm[=].type = $arm-type#experimental
* arm[=].description = "MSC secretome, 10 mL intravenously at the end of surgery"
* arm[+].name = "Topical secretome"
* arm[=].type = $arm-type#experimental
* arm[=].description = "MSC secretome, 2 mL injected topically around the anastomosis at the end of surgery"
