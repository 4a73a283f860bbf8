#!/usr/bin/env node
// compare.mjs EXPECTED ACTUAL [NAME] — checks the JSON of `hazardnet plan
// parse --json` (ACTUAL) against a hand-checked golden file (EXPECTED) and
// prints TAP: one test for the document fields, one per expected phase,
// one per expected node, one per expected diagnostic.
//
// Golden file:
//   { "doc": { "title": …, "issuer": …, "period": {…}, … },
//     "phases": [ { "name", "start", "end", "plan": { "line", "label" } } ],
//     "nodes": [ { "line": 49, "label": "(一)", …fields… } ],
//     "diagnostics": [ { "line": 131, "column": 1, "contains": "…" } ] }
//
// A node is found by (line, label), and by "column" when given (several
// labels such as "1." may share a line). Only the fields written in the
// golden file are compared: strings, numbers and null exactly; lists of
// strings exactly and in order; lists of objects element by element on
// the keys the golden element has; "parent" as { "line", "label" } of the
// parent node; a key "x_starts" compares the start of field x.
// No dependencies: Node 20 only.
import { readFileSync } from 'node:fs';

const [expectedPath, actualPath, name = ''] = process.argv.slice(2);
if (!expectedPath || !actualPath) {
  console.error('usage: compare.mjs EXPECTED.json ACTUAL.json [NAME]');
  process.exit(2);
}

let expected, actual;
try {
  expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
} catch (e) {
  console.log('1..1');
  console.log(`not ok 1 - ${name} cannot read golden file: ${e.message}`);
  process.exit(1);
}
try {
  actual = JSON.parse(readFileSync(actualPath, 'utf8'));
} catch (e) {
  console.log('1..1');
  console.log(`not ok 1 - ${name} the parser's output is not JSON: ${e.message}`);
  process.exit(1);
}

const nodes = Array.isArray(actual.nodes) ? actual.nodes : [];
const byId = new Map(nodes.map((n) => [n.id, n]));
const show = (v) => JSON.stringify(v);

function same(want, got) {
  if (want === null || typeof want !== 'object') return want === got;
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return false;
    return want.every((w, i) => same(w, got[i]));
  }
  if (got === null || typeof got !== 'object' || Array.isArray(got)) return false;
  return Object.keys(want).every((k) => same(want[k], got[k]));
}

// The differences between an expected object and the actual one, as text.
function differences(want, got, skip = []) {
  const out = [];
  for (const key of Object.keys(want)) {
    if (skip.includes(key)) continue;
    if (key.endsWith('_starts')) {
      const field = key.slice(0, -'_starts'.length);
      const value = got[field];
      if (typeof value !== 'string' || !value.startsWith(want[key])) {
        out.push(`${field}: expected to start with ${show(want[key])}, got ${show(value)}`);
      }
      continue;
    }
    if (key === 'parent') {
      const parent = byId.get(got.parent);
      const p = parent ? { line: parent.line, label: parent.label } : { id: got.parent };
      if (!same(want.parent, p)) out.push(`parent: expected ${show(want.parent)}, got ${show(p)}`);
      continue;
    }
    if (!same(want[key], got[key])) {
      out.push(`${key}: expected ${show(want[key])}, got ${show(got[key])}`);
    }
  }
  return out;
}

function findNode(want) {
  const hits = nodes.filter((n) => n.line === want.line && n.label === (want.label ?? null)
    && (want.column === undefined || n.column === want.column));
  return hits.length > 0 ? hits[0] : null;
}

const results = [];
function report(ok, what, detail = []) {
  results.push({ ok, what, detail });
}

if (expected.doc) {
  const diffs = differences(expected.doc, actual);
  report(diffs.length === 0, `${name} document title, issuer, number, dates, period`, diffs);
}

for (const want of expected.phases ?? []) {
  const plan = nodes.find((n) => n.line === want.plan.line && n.label === (want.plan.label ?? null));
  const got = (actual.phases ?? []).find((p) => p.name === want.name && plan && p.plan === plan.id);
  const what = `${name} phase ${want.name} of the plan on line ${want.plan.line}`;
  if (!plan || !got) {
    report(false, what, [plan ? 'no such phase' : 'no such plan node']);
    continue;
  }
  report(true, what, differences(want, got, ['plan']));
  results[results.length - 1].ok = results[results.length - 1].detail.length === 0;
}

for (const want of expected.nodes ?? []) {
  const what = `${name} line ${want.line} ${want.label ?? '(no label)'}${want.column ? ` col ${want.column}` : ''}`;
  const got = findNode(want);
  if (!got) {
    report(false, what, ['no node with this line and label']);
    continue;
  }
  const diffs = differences(want, got, ['line', 'label', 'column']);
  report(diffs.length === 0, `${what} ${want.title ?? got.title ?? ''}`.trim(), diffs);
}

for (const want of expected.diagnostics ?? []) {
  const what = `${name} diagnostic line ${want.line}: ${want.contains}`;
  const hit = (actual.diagnostics ?? []).find((d) => d.line === want.line
    && (want.column === undefined || d.column === want.column)
    && d.message.includes(want.contains));
  report(Boolean(hit), what, hit ? [] : ['not reported']);
}

console.log(`1..${results.length}`);
results.forEach((r, i) => {
  console.log(`${r.ok ? 'ok' : 'not ok'} ${i + 1} - ${r.what}`);
  for (const d of r.detail) console.log(`  # ${d}`);
});
const failed = results.filter((r) => !r.ok).length;
if (failed > 0) console.log(`# ${failed} of ${results.length} failed`);
process.exit(failed > 0 ? 1 : 0);
