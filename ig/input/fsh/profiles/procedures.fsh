Profile: ExoTrialLar
Parent: Procedure
Id: exotrial-lar
Title: "Low anterior resection"
Description: "Low anterior resection for rectal cancer (SNOMED CT 4558008, reason 363351006): date, approach, anastomosis technique, diverting stoma, tumour height."
* insert Conformance
* insert InStudy
* extension contains
    ExoTrialSurgicalApproach named approach 0..1 MS and
    ExoTrialAnastomosisTechnique named anastomosisTechnique 0..1 MS and
    ExoTrialDivertingStoma named divertingStoma 0..1 MS and
    ExoTrialTumourHeight named tumourHeight 0..1 MS
* status MS
* code 1..1 MS
* code = $sct#4558008
* subject only Reference(Patient)
* performed[x] 1..1 MS
* performed[x] only dateTime
* reasonCode 1..1 MS
* reasonCode = $sct#363351006

Profile: ExoTrialMscAdministration
Parent: Procedure
Id: exotrial-msc-administration
Title: "MSC-product administration"
Description: "Administration of an MSC-derived product or placebo: product type, source tissue, route, particle dose, volume, concentration, dose number, lot, and timing relative to surgery (postoperative day; partOf the operation when given during it)."
* insert Conformance
* insert InStudy
* obeys exotrial-source-tissue-required
* extension contains
    ExoTrialMscProductType named productType 1..1 MS and
    ExoTrialSourceTissue named sourceTissue 0..1 MS and
    ExoTrialRoute named route 1..1 MS and
    ExoTrialParticleDose named particleDose 0..1 MS and
    ExoTrialVolume named volume 0..1 MS and
    ExoTrialConcentration named concentration 0..1 MS and
    ExoTrialDoseNumber named doseNumber 0..1 MS and
    ExoTrialLotNumber named lotNumber 0..1 MS and
    ExoTrialPostoperativeDay named postoperativeDay 0..1 MS
* status MS
* code 1..1 MS
* code = $exo-proc#msc-administration
* subject only Reference(Patient)
* performed[x] 1..1 MS
* performed[x] only dateTime
* partOf MS
* bodySite MS

Profile: ExoTrialFistulaProcedure
Parent: Procedure
Id: exotrial-fistula-procedure
Title: "Anal fistula procedure"
Description: "Operations for anal fistula and abscess: incision and drainage, laser closure, endoanal advancement flap, loose seton (period = placement to removal), curettage with internal opening closure. outcome and complication record failures such as flap dehiscence."
* insert Conformance
* insert InStudy
* status MS
* code 1..1 MS
* code from ExoTrialFistulaProcedureVS (required)
* subject only Reference(Patient)
* performed[x] 1..1 MS
* performed[x] only dateTime or Period
* outcome MS
* complication MS
