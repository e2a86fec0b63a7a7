// Subscription topics (issue 31) in the R4 form of the Subscriptions R5 Backport IG: a Basic resource coded
// SubscriptionTopic with the cross-version extensions HAPI's R4SubscriptionTopicLoader reads. The status is a
// modifierExtension (HAPI reads it only there). A trigger's resource is the plain type name: HAPI compares it with
// the resource's type. Each "changed" rule is a separate update trigger: on a create %previous is empty.
// Definitions, not examples: scripts/pack-ig.js puts them in package/, and org.exotrial.sync.TopicInstaller stores
// them at startup (HAPI's package installer skips Basic by default). HAPI's R4 validator refuses the cross-version
// extension URLs ("invalid Version '5.0'"), so the server never validates them on write: only it writes them.

RuleSet: Topic(id, title, description)
* code = http://hl7.org/fhir/fhir-types#SubscriptionTopic
* modifierExtension[0].url = "http://hl7.org/fhir/5.0/StructureDefinition/extension-SubscriptionTopic.status"
* modifierExtension[0].valueCode = #active
* extension[0].url = "http://hl7.org/fhir/5.0/StructureDefinition/extension-SubscriptionTopic.url"
* extension[0].valueUri = "https://exotrial.org/fhir/SubscriptionTopic/{id}"
* extension[1].url = "http://hl7.org/fhir/5.0/StructureDefinition/extension-SubscriptionTopic.version"
* extension[1].valueString = "0.1.0"
* extension[2].url = "http://hl7.org/fhir/5.0/StructureDefinition/extension-SubscriptionTopic.title"
* extension[2].valueString = "{title}"
* extension[3].url = "http://hl7.org/fhir/5.0/StructureDefinition/extension-SubscriptionTopic.description"
* extension[3].valueMarkdown = "{description}"

RuleSet: Trigger(index, resource, interaction, description)
* extension[{index}].url = "http://hl7.org/fhir/4.3/StructureDefinition/extension-SubscriptionTopic.resourceTrigger"
* extension[{index}].extension[0].url = "description"
* extension[{index}].extension[0].valueMarkdown = "{description}"
* extension[{index}].extension[1].url = "resource"
* extension[{index}].extension[1].valueUri = "{resource}"
* extension[{index}].extension[2].url = "supportedInteraction"
* extension[{index}].extension[2].valueCode = #{interaction}

RuleSet: TriggerWhen(index, fhirPath)
* extension[{index}].extension[3].url = "fhirPathCriteria"
* extension[{index}].extension[3].valueString = "{fhirPath}"

RuleSet: FilterBy(index, resource, parameter, description)
* extension[{index}].url = "http://hl7.org/fhir/4.3/StructureDefinition/extension-SubscriptionTopic.canFilterBy"
* extension[{index}].extension[0].url = "description"
* extension[{index}].extension[0].valueMarkdown = "{description}"
* extension[{index}].extension[1].url = "resource"
* extension[{index}].extension[1].valueUri = "{resource}"
* extension[{index}].extension[2].url = "filterParameter"
* extension[{index}].extension[2].valueString = "{parameter}"

RuleSet: Shape(index, resource)
* extension[{index}].url = "http://hl7.org/fhir/4.3/StructureDefinition/extension-SubscriptionTopic.notificationShape"
* extension[{index}].extension[0].url = "resource"
* extension[{index}].extension[0].valueUri = "{resource}"

Instance: subject-enrolment
InstanceOf: Basic
Usage: #definition
Title: "Subject enrolment"
* insert Topic(subject-enrolment, Subject enrolment, A ResearchSubject is created\, or its status or arm changes.)
* insert Trigger(4, ResearchSubject, create, A subject is enrolled.)
* insert Trigger(5, ResearchSubject, update, A subject's status or arm changes.)
* insert TriggerWhen(5, %previous.status != %current.status or %previous.assignedArm != %current.assignedArm)
* insert FilterBy(6, ResearchSubject, study, Subjects of one study: ResearchSubject?study=ResearchStudy/{id}.)
* insert Shape(7, ResearchSubject)

Instance: outcome-recorded
InstanceOf: Basic
Usage: #definition
Title: "Outcome recorded"
* insert Topic(outcome-recorded, Outcome recorded, A study's outcome is recorded: an Observation\, Procedure or Encounter that names its study - leak\, cytokines\, scores\, the one-month colonoscopy\, the post-operative stay.)
* insert Trigger(4, Observation, create, An outcome Observation is recorded.)
* insert TriggerWhen(4, %current.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-study-reference'\).exists(\))
* insert Trigger(5, Procedure, create, A study Procedure is recorded.)
* insert TriggerWhen(5, %current.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-study-reference'\).exists(\))
* insert Trigger(6, Encounter, create, A study Encounter is recorded.)
* insert TriggerWhen(6, %current.extension('https://exotrial.org/fhir/StructureDefinition/exotrial-study-reference'\).exists(\))
* insert FilterBy(7, Observation, trial-study, Outcomes of one study.)
* insert FilterBy(8, Procedure, trial-study, Outcomes of one study.)
* insert FilterBy(9, Encounter, trial-study, Outcomes of one study.)
* insert Shape(10, Observation)
* insert Shape(11, Procedure)
* insert Shape(12, Encounter)

Instance: adverse-event
InstanceOf: Basic
Usage: #definition
Title: "Adverse event"
* insert Topic(adverse-event, Adverse event, An AdverseEvent is recorded or updated.)
* insert Trigger(4, AdverseEvent, create, An adverse event is recorded.)
* insert Trigger(5, AdverseEvent, update, An adverse event is updated.)
* insert FilterBy(6, AdverseEvent, trial-study, Adverse events of one study.)
* insert Shape(7, AdverseEvent)
