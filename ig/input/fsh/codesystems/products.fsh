CodeSystem: ExoTrialMscProductTypeCS
Id: exotrial-msc-product-type
Title: "MSC-derived product types"
Description: "Kind of mesenchymal stem/stromal cell (MSC) product administered in a study, including placebo, so arms can be compared by product."
* insert OwnCodeSystem
* #exosome "Exosomes / extracellular vesicles" "Vesicles isolated from MSC-conditioned medium (e.g. by ultracentrifugation); dosed in particles (NTA)."
* #secretome "Secretome / conditioned medium" "The soluble factors and vesicles MSCs release into culture medium."
* #live-cells "Live MSCs" "Cell therapy, e.g. adipose-derived darvadstrocel (Cx601)."
* #placebo "Placebo" "Vehicle without MSC-derived material."

CodeSystem: ExoTrialSourceTissueCS
Id: exotrial-source-tissue
Title: "MSC source tissues"
Description: "Tissue the MSCs of a product were derived from."
* insert OwnCodeSystem
* #placenta "Placenta"
* #umbilical-cord "Umbilical cord (Wharton jelly)"
* #adipose "Adipose tissue"
* #bone-marrow "Bone marrow"
