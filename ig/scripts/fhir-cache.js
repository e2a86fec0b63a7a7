#!/usr/bin/env node
// Puts the extra FHIR packages the build needs from npm into the FHIR package cache.
// Why not `npm install`: FHIR packages declare FHIR dependencies (hl7.fhir.r4.core) in package.json, which npm
// tries to resolve and cannot. `npm pack name@version` fetches the exact tarball (integrity-checked) and nothing else.
// Needed only by the HL7 validator in the conformance tests (hl7.fhir.xver-extensions). No dependencies.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');
const { readTar } = require('./tar');

const PACKAGES = { 'hl7.fhir.xver-extensions': '0.1.0' };

const cache = process.argv[2];
if (!cache) {
  console.error('usage: node scripts/fhir-cache.js <fhir-package-cache-dir>');
  process.exit(2);
}
for (const [name, version] of Object.entries(PACKAGES)) {
  const target = path.join(cache, `${name}#${version}`);
  if (fs.existsSync(path.join(target, 'package', 'package.json'))) {
    console.log(`[IG build] ${name}#${version} already in ${cache}`);
    continue;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'exotrial-fhir-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const file = execFileSync(npm, ['pack', `${name}@${version}`, '--silent', '--pack-destination', tmp], {
    encoding: 'utf8', shell: process.platform === 'win32'
  }).trim().split('\n').pop();
  const entries = readTar(zlib.gunzipSync(fs.readFileSync(path.join(tmp, file))));
  for (const { name: entry, data } of entries) {
    const out = path.join(target, entry);
    if (!out.startsWith(target + path.sep)) throw new Error(`unsafe path in tarball: ${entry}`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, data);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`[IG build] ${name}#${version}: ${entries.length} files -> ${target}`);
}
