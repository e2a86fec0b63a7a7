// HAPI's PackageInstallerSvc installs only resources whose status is `active`; SUSHI writes `draft` unless told.
RuleSet: Conformance
* ^status = #active
* ^experimental = false
* ^publisher = "ExoTrial"

// Own code systems are complete, so that validators can check every code in memory without a terminology server.
RuleSet: OwnCodeSystem
* insert Conformance
* ^content = #complete
* ^caseSensitive = true

// Every clinical resource says which study it belongs to (queries by study, blinding, per-arm analysis).
RuleSet: InStudy
* extension contains ExoTrialStudyReference named study 1..1 MS

RuleSet: ObservationBasics(category)
* insert InStudy
* status MS
* category 1..*
* category = $obs-category#{category}
* subject 1..1 MS
* subject only Reference(Patient)
* effective[x] 1..1 MS
* effective[x] only dateTime
