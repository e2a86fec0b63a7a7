// Administration details. R4 Procedure has no product, route or dose; R4 MedicationAdministration has them but
// needs a Medication, which these investigational biologics do not fit well. Each extension says what it mirrors.

Extension: ExoTrialMscProductType
Id: exotrial-msc-product-type
Title: "MSC product type"
Description: "Kind of MSC-derived product given: exosome/EV, secretome, live cells or placebo. Mirrors the role of R5 Procedure.used / MedicationAdministration.medication for these products."
Context: Procedure
* insert Conformance
* value[x] only CodeableConcept
* valueCodeableConcept 1..1
* valueCodeableConcept from ExoTrialMscProductTypeVS (required)

Extension: ExoTrialSourceTissue
Id: exotrial-source-tissue
Title: "MSC source tissue"
Description: "Tissue the MSCs were derived from (placenta, umbilical cord/Wharton jelly, adipose, bone marrow). Comparable to BiologicallyDerivedProduct.collection.source, which does not fit a secreted product."
Context: Procedure
* insert Conformance
* value[x] only CodeableConcept
* valueCodeableConcept 1..1
* valueCodeableConcept from ExoTrialSourceTissueVS (required)

Extension: ExoTrialRoute
Id: exotrial-route
Title: "Route of administration"
Description: "Route by which the product was given (intraperitoneal, intravenous, intralesional, topical). Mirrors MedicationAdministration.dosage.route; R4 Procedure has no route, and bodySite says where, not how. SNOMED CT route codes."
Context: Procedure
* insert Conformance
* value[x] only CodeableConcept
* valueCodeableConcept 1..1
* valueCodeableConcept from ExoTrialRouteVS (required)

Extension: ExoTrialParticleDose
Id: exotrial-particle-dose
Title: "Particle dose"
Description: "Number of particles given (e.g. by nanoparticle tracking analysis), UCUM {particles}; must be > 0. Mirrors MedicationAdministration.dosage.dose."
Context: Procedure
* insert Conformance
* value[x] only Quantity
* valueQuantity 1..1
* valueQuantity obeys exotrial-particle-dose-positive
* valueQuantity.value 1..1
* valueQuantity.system 1..1
* valueQuantity.system = $ucum
* valueQuantity.code 1..1
* valueQuantity.code = #{particles}

Extension: ExoTrialConcentration
Id: exotrial-concentration
Title: "Concentration"
Description: "Particle concentration of the injectate, UCUM {particles}/mL. Mirrors MedicationAdministration.dosage.rate/strength semantics."
Context: Procedure
* insert Conformance
* value[x] only Quantity
* valueQuantity 1..1
* valueQuantity.system 1..1
* valueQuantity.system = $ucum
* valueQuantity.code 1..1
* valueQuantity.code = #{particles}/mL

Extension: ExoTrialVolume
Id: exotrial-volume
Title: "Volume given"
Description: "Volume of injectate, in mL. Mirrors MedicationAdministration.dosage.dose for a volume."
Context: Procedure
* insert Conformance
* value[x] only Quantity
* valueQuantity 1..1
* valueQuantity.system 1..1
* valueQuantity.system = $ucum
* valueQuantity.code 1..1
* valueQuantity.code = #mL

Extension: ExoTrialDoseNumber
Id: exotrial-dose-number
Title: "Dose number"
Description: "Position of this administration in a series (1 = first). Mirrors Immunization.protocolApplied.doseNumber."
Context: Procedure
* insert Conformance
* value[x] only positiveInt
* valuePositiveInt 1..1

Extension: ExoTrialLotNumber
Id: exotrial-lot-number
Title: "Lot number"
Description: "Manufacturing lot of the product. Mirrors Immunization.lotNumber / Medication.batch.lotNumber."
Context: Procedure
* insert Conformance
* value[x] only string
* valueString 1..1
