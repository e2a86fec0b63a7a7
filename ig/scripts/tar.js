// Minimal ustar reader/writer: enough for FHIR NPM packages (regular files, names < 100 bytes or with a prefix).
// Written here so the IG build needs no npm dependency besides SUSHI and behaves the same on every OS.
'use strict';

function octal(buf, off, len) {
  const s = buf.toString('ascii', off, off + len).replace(/\0.*$/, '').trim();
  return s ? parseInt(s, 8) : 0;
}

/** @returns {{name: string, data: Buffer}[]} the regular files of an uncompressed tar archive */
function readTar(buf) {
  const files = [];
  let off = 0;
  while (off + 512 <= buf.length) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    let name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const prefix = header.toString('utf8', 345, 500).replace(/\0.*$/s, '');
    if (prefix) name = `${prefix}/${name}`;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    if (type === '0' || type === '\0') files.push({ name, data: Buffer.from(buf.subarray(off + 512, off + 512 + size)) });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function field(header, value, off, len) {
  header.write(value, off, len, 'utf8');
}

/** Deterministic archive: fixed mtime, owner and mode, entries in the given order. */
function writeTar(files, mtime = 0) {
  const blocks = [];
  for (const { name, data } of files) {
    let base = name;
    let prefix = '';
    if (Buffer.byteLength(name) > 99) {
      const cut = name.lastIndexOf('/', 154);
      prefix = name.slice(0, cut);
      base = name.slice(cut + 1);
      if (cut < 0 || Buffer.byteLength(base) > 99) throw new Error(`name too long for ustar: ${name}`);
    }
    const header = Buffer.alloc(512);
    field(header, base, 0, 100);
    field(header, '0000644\0', 100, 8);
    field(header, '0000000\0', 108, 8);
    field(header, '0000000\0', 116, 8);
    field(header, data.length.toString(8).padStart(11, '0') + '\0', 124, 12);
    field(header, mtime.toString(8).padStart(11, '0') + '\0', 136, 12);
    field(header, '        ', 148, 8);
    header[156] = 48; // '0' regular file
    field(header, 'ustar\0', 257, 6);
    field(header, '00', 263, 2);
    field(header, prefix, 345, 155);
    let sum = 0;
    for (const b of header) sum += b;
    field(header, sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

module.exports = { readTar, writeTar };
