// Runs chrono-node over a JSONL corpus ({"id","text","dct"} a line, as chronicle-gen-corpus
// writes it): chrono.parse(text, reference) on every document, the reference being the
// document's DCT at noon. Prints the corpus size, each timed pass, and a last line
// "MB/s: <best pass>" (10^6 bytes of document text per second) that chrono_compare.sh reads.
//
// Usage: node chrono_driver.js NPM_PREFIX CORPUS.jsonl [PASSES]
//   NPM_PREFIX: the folder chrono-node was installed into (npm install --prefix NPM_PREFIX)
// Run it with TZ=UTC: chrono reads the reference date in the process's time zone.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [prefix, corpusPath, passesArg] = process.argv.slice(2);
if (!prefix || !corpusPath) {
  console.error('usage: node chrono_driver.js NPM_PREFIX CORPUS.jsonl [PASSES]');
  process.exit(2);
}
const passes = Math.max(1, Number.parseInt(passesArg || '3', 10));

const load = createRequire(path.join(path.resolve(prefix), 'package.json'));
const chrono = load('chrono-node');
const version = JSON.parse(
  fs.readFileSync(path.join(prefix, 'node_modules', 'chrono-node', 'package.json'), 'utf8'),
).version;

// Read and decode the corpus before any timing: only chrono.parse is measured.
const docs = [];
let bytes = 0;
for (const line of fs.readFileSync(corpusPath, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const d = JSON.parse(line);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.dct || '');
  if (!m) throw new Error(`document ${d.id}: no DCT of the form YYYY-MM-DD`);
  const reference = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0);
  docs.push({ text: d.text, reference });
  bytes += Buffer.byteLength(d.text, 'utf8');
}
if (docs.length === 0) throw new Error(`${corpusPath}: no documents`);

function pass(list) {
  let results = 0;
  for (const d of list) results += chrono.parse(d.text, d.reference).length;
  return results;
}

// Warm the JIT on a slice of the corpus before timing.
pass(docs.slice(0, Math.min(docs.length, 300)));

console.log(
  `chrono-node ${version} (node ${process.version}): ${docs.length} documents, ` +
    `bytes ${bytes}`,
);
const rates = [];
let results = 0;
for (let p = 1; p <= passes; ++p) {
  const start = process.hrtime.bigint();
  results = pass(docs);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = bytes / 1e6 / seconds;
  rates.push(rate);
  console.log(
    `pass ${p}: ${seconds.toFixed(2)} s, ${rate.toFixed(2)} MB/s, ` +
      `${(docs.length / seconds).toFixed(0)} docs/s, ${results} results`,
  );
}
const sorted = [...rates].sort((a, b) => a - b);
const mid = Math.floor(sorted.length / 2);
const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
console.log(`results per pass: ${results} (one per ${(bytes / results).toFixed(0)} bytes)`);
console.log(`MB/s: ${sorted[sorted.length - 1].toFixed(2)} (best of ${passes}; median ${median.toFixed(2)})`);
