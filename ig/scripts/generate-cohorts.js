#!/usr/bin/env node
// Writes the demo cohorts as FSH instances, deterministically (fixed seed, no Date.now(), no dependencies):
//   input/fsh/instances/lar-cohort.fsh        20 participants of the LAR prevention trial (10 exosome, 10 placebo)
//   input/fsh/instances/secretome-cohort.fsh  4 participants of the IV-vs-topical secretome study (2 per route)
// The data are synthetic but plausible: placebo has more leaks, higher cytokines on POD 1/3/5 and longer stays.
// Run `npm run generate` after editing this file and commit its output with it.
'use strict';
const fs = require('fs');
const path = require('path');

// mulberry32: tiny seeded PRNG, so every run writes byte-identical files.
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN_F = ['Maryam', 'Zahra', 'Fatemeh', 'Leila', 'Sara', 'Niloufar', 'Shirin', 'Parisa', 'Mina', 'Roya'];
const GIVEN_M = ['Ali', 'Reza', 'Hossein', 'Mehdi', 'Amir', 'Hamid', 'Saeed', 'Kaveh', 'Dariush', 'Babak'];
const FAMILY = ['Ahmadi', 'Karimi', 'Hosseini', 'Rahimi', 'Moradi', 'Jafari', 'Sadeghi', 'Rostami', 'Navabi',
  'Tehrani', 'Farahani', 'Shirazi', 'Ebrahimi', 'Kazemi', 'Nouri', 'Mousavi', 'Bagheri', 'Ghorbani', 'Zamani', 'Azizi'];

const pad2 = (n) => String(n).padStart(2, '0');
const round1 = (x) => Math.round(x * 10) / 10;
function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

class Writer {
  constructor(header) { this.lines = [header]; }
  instance(id, instanceOf, title, rules) {
    this.lines.push('', `Instance: ${id}`, `InstanceOf: ${instanceOf}`, `Title: "${title}"`, 'Usage: #example');
    for (const r of rules) this.lines.push(`* ${r}`);
  }
  toString() { return this.lines.join('\n') + '\n'; }
}

/** One participant: Patient, ResearchSubject, operation, administration, labs, leak, colonoscopy, stay, AE. */
function participant(w, c) {
  const { id, n, study, arm, tz, surgery, rnd } = c;
  const pid = `${id}-patient`;
  const female = rnd() < 0.45;
  const given = (female ? GIVEN_F : GIVEN_M)[Math.floor(rnd() * 10)];
  const family = FAMILY[(n * 7) % FAMILY.length];
  const age = 42 + Math.floor(rnd() * 33);
  const birth = `${Number(surgery.slice(0, 4)) - age}-${pad2(1 + Math.floor(rnd() * 12))}-${pad2(1 + Math.floor(rnd() * 28))}`;
  const at = (day, time = '09:00:00') => `"${addDays(surgery, day)}T${time}${tz}"`;
  const inStudy = `extension[study].valueReference = Reference(${study})`;

  w.instance(pid, 'Patient', `${c.studyLabel} participant ${c.subjectNumber}`, [
    `identifier[0].type = $v2-0203#MR`,
    `identifier[0].system = $mrn`,
    `identifier[0].value = "${c.mrn}"`,
    `name[0].family = "${family}"`,
    `name[0].given[0] = "${given}"`,
    `gender = #${female ? 'female' : 'male'}`,
    `birthDate = "${birth}"`,
    `address[0].city = "${c.city}"`,
    `address[0].country = "${c.country}"`
  ]);
  w.instance(`${id}-subject`, 'ExoTrialSubject', `Subject ${c.subjectNumber}`, [
    `identifier[0].system = $subject-number`,
    `identifier[0].value = "${c.subjectNumber}"`,
    `status = #off-study`,
    `period.start = "${addDays(surgery, -7)}"`,
    `period.end = "${addDays(surgery, 30)}"`,
    `study = Reference(${study})`,
    `individual = Reference(${pid})`,
    `assignedArm = "${arm.name}"`,
    `actualArm = "${arm.name}"`
  ]);

  const lar = `${id}-lar`;
  const laparoscopic = rnd() < 0.6;
  const stoma = rnd() < 0.4;
  w.instance(lar, 'ExoTrialLar', `Low anterior resection, subject ${c.subjectNumber}`, [
    inStudy,
    `extension[approach].valueCodeableConcept = $approach#${laparoscopic ? 'laparoscopic' : 'open'}`,
    `extension[anastomosisTechnique].valueCodeableConcept = $anastomosis#${rnd() < 0.85 ? 'stapled-end-to-end' : 'stapled-side-to-end'}`,
    `extension[divertingStoma].valueBoolean = ${stoma}`,
    `extension[tumourHeight].valueQuantity = ${round1(5 + rnd() * 6)} 'cm' "cm"`,
    `status = #completed`,
    `subject = Reference(${pid})`,
    `performedDateTime = ${at(0, '08:30:00')}`
  ]);

  const admin = `${id}-administration`;
  const p = arm.product;
  const rules = [
    inStudy,
    `extension[productType].valueCodeableConcept = $product-type#${p.type}`
  ];
  if (p.tissue) rules.push(`extension[sourceTissue].valueCodeableConcept = $source-tissue#${p.tissue}`);
  rules.push(`extension[route].valueCodeableConcept = $sct#${p.route.code} "${p.route.display}"`);
  if (p.particles) rules.push(`extension[particleDose].valueQuantity = ${p.particles} '{particles}' "particles"`);
  if (p.particles) rules.push(`extension[concentration].valueQuantity = ${p.particles / p.volume} '{particles}/mL' "particles/mL"`);
  rules.push(
    `extension[volume].valueQuantity = ${p.volume} 'mL' "mL"`,
    `extension[doseNumber].valuePositiveInt = 1`,
    `extension[lotNumber].valueString = "${p.lot}"`,
    `extension[postoperativeDay].valueInteger = 0`,
    `status = #completed`,
    `subject = Reference(${pid})`,
    `performedDateTime = ${at(0, '11:45:00')}`,
    `partOf = Reference(${lar})`,
    `note[0].text = "${p.note}"`
  );
  w.instance(admin, 'ExoTrialMscAdministration', `${arm.name} administration, subject ${c.subjectNumber}`, rules);

  // Leak: drawn per arm; grade and day follow it. More and worse leaks without exosomes (the trial's hypothesis).
  const leak = c.leak; // null or {grade, day}
  const inflame = (leak ? 1.35 : 1) * arm.inflammation;

  if (c.labs) {
    for (const day of [1, 3, 5]) {
      const decay = { 1: 1, 3: 0.55, 5: 0.3 }[day] * (leak && day === 5 ? 1.8 : 1);
      const spec = `${id}-drain-fluid-pod${day}`;
      // Specimen has no IG profile, so its extensions are addressed by URL rather than by slice name.
      w.instance(spec, 'Specimen', `Peritoneal drain fluid, POD ${day}, subject ${c.subjectNumber}`, [
        `extension[0].url = $ext-study`,
        `extension[0].valueReference = Reference(${study})`,
        `extension[+].url = $ext-pod`,
        `extension[=].valueInteger = ${day}`,
        `status = #available`,
        `type = $sct#168139001 "Peritoneal fluid sample"`,
        `subject = Reference(${pid})`,
        `collection.collectedDateTime = ${at(day, '07:00:00')}`
      ]);
      const lab = (suffix, profile, code, value, specimen) => {
        const r = [
          inStudy,
          `extension[postoperativeDay].valueInteger = ${day}`,
          `status = #final`,
          `category = $obs-category#laboratory`,
          `code = ${code}`,
          `subject = Reference(${pid})`,
          `effectiveDateTime = ${at(day, '07:00:00')}`,
          `valueQuantity = ${value} 'pg/mL' "pg/mL"`
        ];
        if (specimen) r.push(`specimen = Reference(${specimen})`);
        w.instance(`${id}-${suffix}-pod${day}`, profile, `${suffix} POD ${day}, subject ${c.subjectNumber}`, r);
      };
      const jitter = () => 0.8 + rnd() * 0.4;
      lab('il6-serum', 'ExoTrialIl6', '$loinc#26881-3 "Interleukin 6 [Mass/volume] in Serum or Plasma"', round1(160 * decay * inflame * jitter()));
      lab('il6-peritoneal', 'ExoTrialIl6', '$loinc#49732-1 "Interleukin 6 [Mass/volume] in Body fluid"', round1(2400 * decay * inflame * jitter()), spec);
      lab('tnf-serum', 'ExoTrialTnfAlpha', '$loinc#3074-2 "Tumor necrosis factor.alpha [Mass/volume] in Serum or Plasma"', round1(22 * (0.6 + 0.4 * decay) * inflame * jitter()));
      lab('tnf-peritoneal', 'ExoTrialTnfAlpha', '$exo-obs#tnf-alpha-peritoneal', round1(180 * decay * inflame * jitter()), spec);
    }
  }

  const leakDay = leak ? leak.day : 30;
  const leakRules = [
    inStudy,
    `extension[postoperativeDay].valueInteger = ${leakDay}`,
    `status = #final`,
    `category = $obs-category#exam`,
    `code = $sct#236091002 "Anastomotic leak of large intestine"`,
    `subject = Reference(${pid})`,
    `focus = Reference(${lar})`,
    `effectiveDateTime = ${at(leakDay, '10:00:00')}`,
    `valueCodeableConcept = $leak-status#${leak ? 'present' : 'absent'}`
  ];
  if (leak) {
    leakRules.push(`component[grade].code = $exo-obs#isrec-grade`,
      `component[grade].valueCodeableConcept = $isrec#${leak.grade}`);
  }
  w.instance(`${id}-leak`, 'ExoTrialAnastomoticLeak', `Anastomotic leak assessment, subject ${c.subjectNumber}`, leakRules);

  if (leak) {
    w.instance(`${id}-adverse-event`, 'ExoTrialAdverseEvent', `Anastomotic leak (adverse event), subject ${c.subjectNumber}`, [
      `identifier.system = $resource-id`,
      `identifier.value = "${id}-adverse-event"`,
      `actuality = #actual`,
      `event = $sct#236091002 "Anastomotic leak of large intestine"`,
      `subject = Reference(${pid})`,
      `date = ${at(leak.day, '10:00:00')}`,
      `seriousness = $ae-seriousness#${leak.grade === 'A' ? 'Non-serious' : 'Serious'}`,
      `severity = $ae-severity#${{ A: 'mild', B: 'moderate', C: 'severe' }[leak.grade]}`,
      `outcome = $ae-outcome#${leak.grade === 'C' ? 'recovering' : 'resolved'}`,
      `suspectEntity[0].instance = Reference(${lar})`,
      `study[0] = Reference(${study})`
    ]);
  }

  if (c.colonoscopy) {
    const finding = !leak ? 'intact' : leak.grade === 'C' ? 'dehiscence' : leak.grade === 'B' ? 'stricture' : 'intact';
    w.instance(`${id}-colonoscopy`, 'ExoTrialColonoscopyIntegrity', `Colonoscopy at one month, subject ${c.subjectNumber}`, [
      inStudy,
      `extension[postoperativeDay].valueInteger = 30`,
      `status = #final`,
      `category = $obs-category#procedure`,
      `code = $exo-obs#colonoscopy-integrity`,
      `subject = Reference(${pid})`,
      `focus = Reference(${lar})`,
      `effectiveDateTime = ${at(30, '10:30:00')}`,
      `valueCodeableConcept = $colonoscopy#${finding}`
    ]);
  }

  const stay = Math.round((arm.baseStay + rnd() * 3 + (leak ? { A: 2, B: 6, C: 12 }[leak.grade] : 0)));
  w.instance(`${id}-stay`, 'ExoTrialSurgicalStay', `Postoperative stay, subject ${c.subjectNumber}`, [
    inStudy,
    `identifier[0].system = $resource-id`,
    `identifier[0].value = "${id}-stay"`,
    `status = #finished`,
    `class = $v3-ActCode#IMP "inpatient encounter"`,
    `type = $exo-enc#surgical-stay`,
    `subject = Reference(${pid})`,
    `period.start = ${at(-1, '14:00:00')}`,
    `period.end = ${at(stay, '12:00:00')}`,
    `length = ${stay + 1} 'd' "days"`,
    `reasonReference = Reference(${lar})`
  ]);
}

const INTRAPERITONEAL = { code: '38239002', display: 'Intraperitoneal route' };

function larCohort() {
  const rnd = prng(20250106);
  const w = new Writer('// GENERATED by scripts/generate-cohorts.js - do not edit by hand.\n' +
    '// LAR prevention trial (seeds/trial-registration-hpmsc-exosomes-lar.txt): 20 synthetic participants.');
  const exosome = {
    name: 'Exosome', inflammation: 0.7, baseStay: 5,
    product: { type: 'exosome', tissue: 'placenta', route: INTRAPERITONEAL, particles: 20000000000, volume: 10,
      lot: 'HPMSC-EXO-2501', note: 'hPMSC-derived exosomes given intraperitoneally at the end of surgery' }
  };
  const placebo = {
    name: 'Placebo', inflammation: 1, baseStay: 6,
    product: { type: 'placebo', route: INTRAPERITONEAL, volume: 10, lot: 'PLACEBO-NS-2501',
      note: 'Normal saline placebo given intraperitoneally at the end of surgery' }
  };
  // Fixed leak pattern (deterministic, matches the hypothesis): 1 leak with exosomes, 3 with placebo.
  const leaks = { 3: { grade: 'A', day: 6 }, 4: { grade: 'B', day: 5 }, 12: { grade: 'A', day: 4 }, 18: { grade: 'C', day: 7 } };
  for (let n = 1; n <= 20; n++) {
    const arm = n % 2 === 1 ? exosome : placebo; // non-randomized, alternating allocation
    participant(w, {
      id: `lar-${pad2(n)}`, n, rnd, arm, leak: leaks[n] || null, labs: true, colonoscopy: true,
      study: 'lar-exosome-trial', studyLabel: 'LAR trial', subjectNumber: `LAR-${pad2(n)}`,
      mrn: `TUMS-${String(480100 + n * 37)}`, tz: '+03:30', city: 'Tehran', country: 'IR',
      surgery: addDays('2025-01-11', (n - 1) * 8)
    });
  }
  return w.toString();
}

function secretomeCohort() {
  const rnd = prng(20250301);
  const w = new Writer('// GENERATED by scripts/generate-cohorts.js - do not edit by hand.\n' +
    '// IV vs topical secretome (seeds/secretome-review-iv-vs-topical.txt): 2 synthetic participants per route.');
  const product = (route, volume, lot) => ({ type: 'secretome', tissue: 'umbilical-cord', route, volume, lot,
    note: `MSC secretome, ${volume} mL, ${route.display.toLowerCase()}` });
  const iv = { name: 'Intravenous secretome', inflammation: 0.85, baseStay: 6,
    product: product({ code: '47625008', display: 'Intravenous route' }, 10, 'SEC-IV-2503') };
  const topical = { name: 'Topical secretome', inflammation: 0.8, baseStay: 6,
    product: product({ code: '6064005', display: 'Topical route' }, 2, 'SEC-TOP-2503') };
  const arms = [iv, iv, topical, topical];
  const leaks = { 2: { grade: 'B', day: 6 } };
  arms.forEach((arm, i) => {
    const n = i + 1;
    participant(w, {
      id: `sec-${pad2(n)}`, n: n + 3, rnd, arm, leak: leaks[n] || null, labs: false, colonoscopy: false,
      study: 'secretome-route-study', studyLabel: 'Secretome study', subjectNumber: `SEC-${pad2(n)}`,
      mrn: `MOEW-${String(73000 + n * 11)}`, tz: '+07:00', city: 'Surakarta', country: 'ID',
      surgery: addDays('2025-03-03', i * 12)
    });
  });
  return w.toString();
}

const out = path.join(__dirname, '..', 'input', 'fsh', 'instances');
fs.writeFileSync(path.join(out, 'lar-cohort.fsh'), larCohort());
fs.writeFileSync(path.join(out, 'secretome-cohort.fsh'), secretomeCohort());
console.log('wrote lar-cohort.fsh and secretome-cohort.fsh');
