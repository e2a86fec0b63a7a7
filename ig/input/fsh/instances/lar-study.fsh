// The LAR prevention trial as registered (seeds/trial-registration-hpmsc-exosomes-lar.txt). Its participants are not
// examples of the guide: the server's demo mode generates them (org.exotrial.cohort).

Instance: tums-colorectal-surgery
InstanceOf: Organization
Title: "Division of Colorectal Surgery, Tehran University of Medical Sciences"
Usage: #example
* identifier[0].system = $resource-id
* identifier[0].value = "org-tums-colorectal-surgery"
* active = true
* name = "Division of Colorectal Surgery, Department of Surgery, Tehran University of Medical Sciences"
* address[0].city = "Tehran"
* address[0].country = "IR"

Instance: tums-site
InstanceOf: Location
Title: "Study site: Tehran University of Medical Sciences"
Usage: #example
* identifier[0].system = $resource-id
* identifier[0].value = "loc-tums"
* status = #active
* name = "Division of Colorectal Surgery, Department of Surgery, Tehran University of Medical Sciences"
* address.city = "Tehran"
* address.country = "IR"
* managingOrganization = Reference(tums-colorectal-surgery)

Instance: lar-exosome-trial
InstanceOf: ExoTrialStudy
Title: "hPMSC exosomes to prevent early anastomotic leak after LAR"
Usage: #example
* identifier[0].system = $study-id
* identifier[0].value = "EXOTRIAL-LAR-HPMSC"
* title = "Human Placenta Mesenchymal Stem Cell-Derived Exosomes for Preventing Early Anastomotic Leak After Low Anterior Resection for Rectal Cancer"
* status = #active
* primaryPurposeType = $rs-purpose#prevention "Prevention"
* category[0] = $study-type#interventional
* focus[0].text = "Human placenta mesenchymal stem cell-derived exosomes (intraperitoneal)"
* condition[0] = $sct#363351006 "Malignant neoplasm of rectum"
* condition[+] = $sct#236091002 "Anastomotic leak of large intestine"
* description = "Assess the safety and efficacy of human placenta MSC-derived exosomes in preventing early anastomotic leak in patients undergoing low anterior resection for rectal cancer. Participants receive intraperitoneal exosomes (or placebo) at the end of surgery. Hypothesis: exosomes reduce the incidence of anastomotic leak compared with placebo, improving postoperative recovery and reducing hospital stay."
* sponsor = Reference(tums-colorectal-surgery)
* site[0] = Reference(tums-site)
* extension[allocation].valueCodeableConcept = $allocation#non-randomized
* extension[masking].valueCodeableConcept = $masking#quadruple
* extension[blindedRole][0].valueCodeableConcept = $blinded-role#participant
* extension[blindedRole][+].valueCodeableConcept = $blinded-role#care-provider
* extension[blindedRole][+].valueCodeableConcept = $blinded-role#investigator
* extension[blindedRole][+].valueCodeableConcept = $blinded-role#outcomes-assessor
* extension[targetEnrollment].valueUnsignedInt = 20
* extension[outcomeMeasure][0].extension[name].valueString = "Number of patients with early anastomotic leakage"
* extension[outcomeMeasure][=].extension[type].valueCodeableConcept = $outcome-type#primary
* extension[outcomeMeasure][=].extension[description].valueMarkdown = "Failed surgical anastomosis after surgery measured with interview and physical examinations in follow-up sessions in clinic"
* extension[outcomeMeasure][=].extension[timeFrame].valueString = "1 month"
* extension[outcomeMeasure][+].extension[name].valueString = "Mean serum and peritoneal Interleukin-6 and Tumor necrosis factor-alpha levels in participants"
* extension[outcomeMeasure][=].extension[type].valueCodeableConcept = $outcome-type#secondary
* extension[outcomeMeasure][=].extension[description].valueMarkdown = "The level of serum and peritoneal inflammatory markers in postoperative days measured with laboratory tests"
* extension[outcomeMeasure][=].extension[timeFrame].valueString = "1 month"
* extension[outcomeMeasure][+].extension[name].valueString = "Anastomosis integrity in Colonoscopy exam"
* extension[outcomeMeasure][=].extension[type].valueCodeableConcept = $outcome-type#secondary
* extension[outcomeMeasure][=].extension[description].valueMarkdown = "A colonoscopy one month after surgery assesses the integrity of the colorectal anastomosis and monitors for complications such as strictures or inflammatory changes; baseline colonoscopies are compared with the one-month examination."
* extension[outcomeMeasure][=].extension[timeFrame].valueString = "1 month"
* extension[outcomeMeasure][+].extension[name].valueString = "Hospitalization length of stay"
* extension[outcomeMeasure][=].extension[type].valueCodeableConcept = $outcome-type#secondary
* extension[outcomeMeasure][=].extension[description].valueMarkdown = "The number of days that the patient is hospitalized postoperatively"
* extension[outcomeMeasure][=].extension[timeFrame].valueString = "1 month"
* arm[0].name = "Exosome"
* arm[=].type = $arm-type#experimental
* arm[=].description = "Mesenchymal Stem Cells Derived Exosomes will be administered intraperitoneally to patients at the end of their surgery"
* arm[+].name = "Placebo"
* arm[=].type = $arm-type#placebo-comparator
* arm[=].description = "10 patients will receive intraperitoneal placebo at the end of their surgery"
