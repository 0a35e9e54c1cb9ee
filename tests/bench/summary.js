// Prints one table from Google Benchmark JSON files (--benchmark_out_format=json):
// benchmark, time per iteration, MB/s (10^6 bytes per second), docs/s and items/s.
// Usage: node summary.js FILE.json...
'use strict';
const fs = require('fs');
const path = require('path');

const rows = [];
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const program = path.basename(file, '.json');
  for (const b of report.benchmarks || []) {
    // With --benchmark_repetitions, keep the aggregates (mean, median, stddev) only.
    if (b.run_type === 'iteration' && b.repetitions > 1) continue;
    if (b.error_occurred) {
      rows.push([program, b.name, 'ERROR', b.error_message || '', '', '']);
      continue;
    }
    const rate = (v) => (typeof v === 'number' ? v : undefined);
    const mb = rate(b.bytes_per_second);
    const docs = rate(b['docs/s']);
    const items = rate(b.items_per_second);
    rows.push([
      program,
      b.name,
      `${b.real_time.toFixed(2)} ${b.time_unit}`,
      mb === undefined ? '' : (mb / 1e6).toFixed(1),
      docs === undefined ? '' : docs.toFixed(0),
      items === undefined ? '' : items.toExponential(3),
    ]);
  }
}

const header = ['program', 'benchmark', 'time/iter', 'MB/s', 'docs/s', 'items/s'];
const table = [header, ...rows];
const widths = header.map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
const line = (r) =>
  r.map((c, i) => (i >= 2 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
