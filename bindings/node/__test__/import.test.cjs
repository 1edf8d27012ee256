'use strict'
// The shared import vectors (tests/vectors/import): the same documents and reports as Rust.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const okr = require('../index.js')
const { loadVectors, camelize, assertSubset } = require('./helpers.cjs')

const dir = path.join(__dirname, '..', '..', '..', 'tests', 'vectors', 'import')
const readers = { asana: okr.readAsana, gitlab: okr.readGitlab, quantive: okr.readQuantive, tability: okr.readTability }

// Check-in times come out as Date objects (the binding's convention): compare them as instants.
function datesToIso (v) {
  if (v instanceof Date) return v.toISOString()
  if (Array.isArray(v)) return v.map(datesToIso)
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, datesToIso(x)]))
  return v
}
function isoExpected (v) {
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return new Date(v).toISOString()
  if (Array.isArray(v)) return v.map(isoExpected)
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, isoExpected(x)]))
  return v
}

function run (v, asBuffer) {
  const bytes = fs.readFileSync(path.join(dir, v.input))
  if (v.source === 'table') return okr.readTable(bytes, v.options)
  return readers[v.source](asBuffer ? bytes : JSON.parse(bytes.toString('utf8')))
}

test('import vectors: document and report as in Rust (objects and Buffers)', () => {
  for (const [name, v] of loadVectors('import')) {
    for (const asBuffer of [false, true]) {
      const imported = run(v, asBuffer)
      assertSubset(isoExpected(camelize(v.expected_document)), datesToIso(imported.document), `${name} document`)
      assertSubset(camelize(v.expected_report), imported.report, `${name} report`)
      assert.equal(imported.hasProblems, v.expected_report.problems.length > 0, name)
    }
  }
})

test('readTable: rows as plain objects, camelCase options, unknown option refused', () => {
  const rows = [
    { Objective: 'o1', Team: 'web', Quarter: '2026-Q1', KR: 'kr1', Statement: 'Conversion', Kind: 'metric', Start: '55 %', Goal: 65, Now: '58,5' },
  ]
  const columns = { objective: 'Objective', team: 'Team', cycle: 'Quarter', key_result: 'KR', title: 'Statement', type: 'Kind', baseline: 'Start', target: 'Goal', current: 'Now' }
  const imported = okr.readTable(rows, { columns, decimalComma: true })
  assert.equal(imported.hasProblems, false, JSON.stringify(imported.report.problems))
  assert.deepEqual(imported.document.objectives[0].keyResults[0].measure,
    { type: 'metric', baseline: 55, target: 65, current: 58.5, unit: '%' })
  assert.throws(() => okr.readTable('a,b\n1,2\n', { separatr: ';' }), (e) => e.code === 'parse_error')
  // A nested value or a row that is not an object is an error with its path, not made-up text.
  assert.throws(() => okr.readTable([{ ...rows[0], Statement: { text: 'x' } }], { columns }),
    (e) => e.code === 'invalid_value' && e.path === '[0].Statement')
  assert.throws(() => okr.readTable([rows[0], ['o1', 'web']], { columns }), (e) => e.code === 'invalid_value' && e.path === '[1]')
  // Each row is laid out over every key any row has: 5,000 rows of a key each would be
  // 25 million cells, too_large before they are made (20,000 once aborted the process).
  const spread = Array.from({ length: 5000 }, (_, i) => ({ [`k${i}`]: i }))
  assert.throws(() => okr.readTable(spread), (e) => e.code === 'too_large')
  // A source of another type is parse_error at `source`, as in Python (the path was '').
  for (const read of [okr.readAsana, okr.readGitlab, okr.readQuantive, okr.readTability, okr.readTable]) {
    for (const bad of [5, null, true]) assert.throws(() => read(bad), (e) => e.code === 'parse_error' && e.path === 'source', `${read.name}(${bad})`)
  }
  assert.throws(() => okr.readTable({ a: 1 }), (e) => e.code === 'parse_error' && e.path === 'source')
})
