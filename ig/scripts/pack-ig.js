#!/usr/bin/env node
// Packs SUSHI's output as an NPM-style FHIR package (package/package.json + one JSON file per resource),
// the format HAPI's PackageInstallerSvc and NpmPackageValidationSupport read.
// Conformance resources go to package/, example instances to package/example/ (the FHIR package convention:
// installers load package/ only, so demo data is never installed as definitions by accident).
// Usage: node scripts/pack-ig.js <sushi resources dir> <output .tgz>
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { writeTar } = require('./tar');

const CONFORMANCE = new Set(['StructureDefinition', 'ValueSet', 'CodeSystem', 'SearchParameter', 'ConceptMap',
  'NamingSystem', 'ImplementationGuide', 'CapabilityStatement', 'OperationDefinition', 'StructureMap']);

// A subscription topic in R4 is a Basic coded SubscriptionTopic (Subscriptions R5 Backport IG): a definition the
// server serves (org.exotrial.sync.TopicInstaller), not demo data. In example/ the demo loader would load it only in
// demo mode, and the examples' checks (ConformanceTest) would count it as one.
const isTopic = (res) => res.resourceType === 'Basic' && (res.code?.coding || []).some(
  (c) => c.system === 'http://hl7.org/fhir/fhir-types' && c.code === 'SubscriptionTopic');

const [resourcesDir, outFile] = process.argv.slice(2);
if (!resourcesDir || !outFile) {
  console.error('usage: node scripts/pack-ig.js <resources dir> <output.tgz>');
  process.exit(2);
}
const config = fs.readFileSync(path.join(__dirname, '..', 'sushi-config.yaml'), 'utf8');
const setting = (key) => (config.match(new RegExp(`^${key}:\\s*(.+)$`, 'm')) || [])[1]?.trim().replace(/^["']|["']$/g, '');

const manifest = {
  name: setting('id'),
  version: setting('version'),
  canonical: setting('canonical'),
  url: setting('canonical'),
  title: setting('title'),
  description: setting('description'),
  fhirVersions: [setting('fhirVersion')],
  dependencies: { 'hl7.fhir.r4.core': '4.0.1' },
  type: 'IG',
  license: setting('license'),
  author: 'ExoTrial'
};

const files = [];
// Index format 2 of the HL7 NpmPackage (org.hl7.fhir.utilities 6.x); readers rebuild it when absent or stale.
const index = { 'index-version': 2, files: [] };
const exampleIndex = { 'index-version': 2, files: [] };
for (const file of fs.readdirSync(resourcesDir).filter((f) => f.endsWith('.json')).sort()) {
  const data = fs.readFileSync(path.join(resourcesDir, file));
  const res = JSON.parse(data);
  if (res.resourceType === 'ImplementationGuide') continue;
  const conformance = CONFORMANCE.has(res.resourceType) || isTopic(res);
  const entry = { filename: file, resourceType: res.resourceType, id: res.id };
  for (const key of ['url', 'version', 'kind', 'type', 'supplements', 'content', 'valueSet', 'derivation']) {
    if (res[key] && typeof res[key] === 'string') entry[key] = res[key];
  }
  (conformance ? index : exampleIndex).files.push(entry);
  files.push({ name: (conformance ? 'package/' : 'package/example/') + file, data });
}
const json = (o) => Buffer.from(JSON.stringify(o, null, 2) + '\n');
// The trial's SQL-on-FHIR ViewDefinitions (input/views): not R4 resources, so SUSHI does not know them and no R4
// installer may load them. They go to package/other/ (the FHIR package folder for non-resource content), which
// org.exotrial.views.shipped reads and installs as Library resources.
const viewsDir = path.join(__dirname, '..', 'input', 'views');
const viewFiles = fs.existsSync(viewsDir) ? fs.readdirSync(viewsDir).filter((f) => f.endsWith('.json')).sort() : [];
for (const file of viewFiles) {
  const data = fs.readFileSync(path.join(viewsDir, file));
  const view = JSON.parse(data);
  if (view.resourceType !== 'ViewDefinition' || !view.url) throw new Error(`${file}: not a ViewDefinition with a url`);
  files.push({ name: 'package/other/' + file, data });
}
files.unshift(
  { name: 'package/package.json', data: json(manifest) },
  { name: 'package/.index.json', data: json(index) },
  { name: 'package/example/.index.json', data: json(exampleIndex) }
);
fs.mkdirSync(path.dirname(outFile), { recursive: true });
// mtime 0 and gzip without a timestamp: the same sources give a byte-identical package.
fs.writeFileSync(outFile, zlib.gzipSync(writeTar(files), { level: 9 }));
console.log(`[IG build] ${manifest.name}#${manifest.version}: ${index.files.length} conformance resources, ` +
  `${exampleIndex.files.length} examples, ${viewFiles.length} views -> ${outFile}`);
