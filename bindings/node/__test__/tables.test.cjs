'use strict'
// Report tables: every table Node hands out has the published schema of
// tests/vectors/tables/schemas.json (the snapshot Rust and Python check too):
// the same column names, types and order, whatever the data.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const okr = require('../index.js')
const { loadVectors, camelize } = require('./helpers.cjs')
// apache-arrow (a dev dependency) reads the `…Arrow` methods' IPC streams, as a user would.
const { tableFromIPC } = require('apache-arrow')

const SNAPSHOT = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tests', 'vectors', 'tables', 'schemas.json'), 'utf8'),
).tables

const DAY = /^\d{4}-\d{2}-\d{2}$/
const typeOk = {
  str: (v) => typeof v === 'string',
  f64: (v) => typeof v === 'number',
  i64: (v) => Number.isInteger(v),
  bool: (v) => typeof v === 'boolean',
  date: (v) => typeof v === 'string' && DAY.test(v),
  datetime: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
}

/** The table's columns and every row's keys and values follow the snapshot. */
function assertSchema(t, where) {
  const expected = SNAPSHOT[t.name]
  assert.ok(expected, `${where}: ${t.name} is not a published table`)
  assert.deepEqual(t.columns.map((c) => [c.name, c.type]), expected, `${where}: ${t.name} columns`)
  for (const c of t.columns) assert.ok(c.doc.length > 0, `${where}: ${t.name}.${c.name} has no doc`)
  t.rows.forEach((row, i) => {
    assert.deepEqual(Object.keys(row), expected.map(([n]) => n), `${where}: ${t.name} row ${i} keys`)
    for (const [name, type] of expected) {
      const v = row[name]
      assert.ok(v === null || typeOk[type](v), `${where}: ${t.name} row ${i} ${name} = ${JSON.stringify(v)} is not ${type}`)
    }
  })
  return t
}

/** A ledger with an accepted renegotiation. */
function ledgerWithChange() {
  const document = {
    cycles: [{ id: 'q1', name: 'Q1', start: '2026-01-01', end: '2026-03-31' }],
    teams: [{ id: 'shop', name: 'Shop' }, { id: 'web', name: 'Web', parent: 'shop' }],
    people: [{ id: 'ana', name: 'Ana' }, { id: 'bo', name: 'Bo' }],
    objectives: [{ id: 'o1', title: 'Checkout', team: 'web', cycle: 'q1', keyResults: [
      { id: 'kr1', title: 'Conversion from 50% to 65%', measure: { type: 'metric', baseline: 50, target: 65 } }] }],
  }
  const ana = { person: 'ana', team: 'web' }
  const bo = { person: 'bo', team: 'shop' }
  const ledger = new okr.Ledger()
  // Roles are recorded in the ledger (issue 14): who belongs to which team.
  const roles = { members: [{ team: 'web', person: 'ana' }, { team: 'shop', person: 'bo' }] }
  ledger.importDocument(new Date('2026-01-02T09:00:00Z'), ana, document, [], roles)
  ledger.proposeSet(new Date('2026-01-03T09:00:00Z'), ana, 'web', 'q1')
  ledger.agree(new Date('2026-01-04T09:00:00Z'), bo, 'web', 'q1')
  const p = ledger.proposeChange(new Date('2026-02-01T09:00:00Z'), ana, { kind: 'target', keyResult: 'kr1', target: 60 }, 'slipped')
  ledger.accept(new Date('2026-02-02T09:00:00Z'), bo, p.id)
  return ledger
}

/**
 * Every table a document offers through Node, as [where, table, arrow]: the
 * plain table and the same table from its `…Arrow` method (Arrow IPC bytes).
 */
function tablesOf(name, document, { cycle, healthOptions } = {}) {
  const org = new okr.Org(document)
  const out = []
  const report = org.progress()
  for (const t of ['objectives', 'key_results', 'teams', 'cycles']) out.push([`${name} progress`, report.table(t), report.tableArrow(t)])
  const cycles = cycle ? [cycle] : (document.cycles ?? []).map((c) => c.id)
  for (const c of cycles) {
    for (const t of ['objectives', 'key_results', 'teams', 'bands']) out.push([`${name} score ${c}`, org.scoreTable(c, t), org.scoreTableArrow(c, t)])
    for (const t of ['teams', 'histograms', 'calibration']) {
      out.push([`${name} health ${c}`, org.healthTable(c, t, healthOptions), org.healthTableArrow(c, t, healthOptions)])
    }
  }
  out.push([`${name} lint`, org.lintTable(), org.lintTableArrow()], [`${name} lint(doc)`, okr.lintTable(document), okr.lintTableArrow(document)])
  return out
}

/** The Arrow type each column type must have, as apache-arrow names it. */
const ARROW_TYPE = {
  str: 'Utf8',
  f64: 'Float64',
  i64: 'Int64',
  bool: 'Bool',
  date: 'Date32<DAY>',
  datetime: 'Timestamp<MICROSECOND, UTC>',
}

/** Microseconds since 1970 of an RFC 3339 string, exactly (Date.parse stops at ms). */
function micros(text) {
  const m = /^([^.]+?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(text)
  assert.ok(m, `not RFC 3339: ${text}`)
  const fraction = (m[2] ?? '').padEnd(6, '0').slice(0, 6)
  return BigInt(Date.parse(m[1] + m[3])) * 1000n + BigInt(fraction)
}

/** A column's stored values (µs for a timestamp), over its chunks. */
function rawValues(col) {
  return col.data.flatMap((d) => Array.from(d.values.subarray(d.offset, d.offset + d.length)))
}

/** A cell as apache-arrow reads it, in the plain table's form. */
function plainCell(type, v, raw) {
  if (v === null) return null
  switch (type) {
    case 'i64':
      assert.equal(typeof v, 'bigint', 'an Int64 cell reads as a BigInt')
      return Number(v)
    case 'date': return new Date(v).toISOString().slice(0, 10) // ms since 1970
    case 'datetime': return raw // µs since 1970, a BigInt
    default: return v
  }
}

/**
 * The Arrow bytes read by apache-arrow are the plain table: name, columns with
 * their Arrow types and docs, and every cell (timestamps to the microsecond).
 */
function assertArrowIsTable(bytes, t, where) {
  assert.ok(Buffer.isBuffer(bytes), `${where}: ${t.name} Arrow is a Buffer`)
  const a = tableFromIPC(bytes)
  assert.equal(a.schema.metadata.get('okrkit.table'), t.name, `${where}: ${t.name} name`)
  assert.deepEqual(
    a.schema.fields.map((f) => [f.name, String(f.type), f.metadata.get('description')]),
    t.columns.map((c) => [c.name, ARROW_TYPE[c.type], c.doc]),
    `${where}: ${t.name} columns, Arrow types and docs`,
  )
  assert.equal(a.numRows, t.rows.length, `${where}: ${t.name} rows`)
  for (const c of t.columns) {
    const col = a.getChild(c.name)
    const raw = c.type === 'datetime' ? rawValues(col) : []
    const want = t.rows.map((r) => (c.type === 'datetime' && r[c.name] !== null ? micros(r[c.name]) : r[c.name]))
    const got = Array.from({ length: a.numRows }, (_, i) => plainCell(c.type, col.get(i), raw[i]))
    assert.deepEqual(got, want, `${where}: ${t.name}.${c.name}`)
  }
}

test('tableNames() and tableSchema() are the published snapshot, in order', () => {
  assert.deepEqual(okr.tableNames(), Object.keys(SNAPSHOT))
  for (const name of okr.tableNames()) {
    const cols = okr.tableSchema(name)
    assert.deepEqual(cols.map((c) => [c.name, c.type]), SNAPSHOT[name], name)
  }
})

test('every report table of every vector has the published schema', () => {
  const seen = new Set()
  const docs = [
    ...loadVectors('progress').map(([n, v]) => [n, v.document, {}]),
    ...loadVectors('score').map(([n, v]) => [n, v.document, { cycle: v.cycle ?? undefined }]),
    ...loadVectors('health').map(([n, v]) => [n, v.document, { cycle: v.cycle, healthOptions: camelize(v.options ?? {}) }]),
  ]
  let rows = 0
  for (const [name, document, opts] of docs) {
    for (const [where, t, arrow] of tablesOf(name, document, opts)) {
      assertSchema(t, where)
      assertArrowIsTable(arrow, t, where)
      seen.add(t.name)
      rows += t.rows.length
    }
  }
  const texts = ['Build a cart reminder tool', 'Checkout conversion from 50% to 65%']
  const c = okr.classifyTable(texts)
  assertSchema(c, 'classifyTable')
  assertArrowIsTable(okr.classifyTableArrow(texts), c, 'classifyTableArrow')
  seen.add(c.name)
  const ledger = ledgerWithChange()
  const l = assertSchema(ledger.table(), 'ledger.table()')
  assertArrowIsTable(ledger.tableArrow(), l, 'ledger.tableArrow()')
  assert.deepEqual(l.rows.map((r) => r.action), ['import', 'propose_set', 'agree', 'propose_change', 'accept'])
  assert.deepEqual(l.rows.map((r) => r.seq), [0, 1, 2, 3, 4])
  seen.add(l.name)
  // The tables Node offers (series, check-ins and a key result's history are not yet exposed).
  const offered = Object.keys(SNAPSHOT).filter((n) => !['progress.series', 'confidence.series', 'check_ins', 'history.versions'].includes(n))
  assert.deepEqual([...seen].sort(), offered.sort())
  assert.ok(rows > 100, `only ${rows} rows checked`)
})

test('an empty document gives the same columns, no rows', () => {
  const document = { cycles: [{ id: 'q1', name: 'Q1', start: '2026-01-01', end: '2026-03-31' }], teams: [], objectives: [] }
  for (const [where, t, arrow] of tablesOf('empty', document, { healthOptions: { asOf: '2026-02-01' } })) {
    assertSchema(t, where)
    assertArrowIsTable(arrow, t, where)
    if (!t.name.startsWith('health.') && t.name !== 'progress.cycles' && t.name !== 'score.bands') {
      assert.equal(t.rows.length, 0, `${where}: ${t.name}`)
    }
  }
})

test('table values are the report numbers, unrounded, with percents beside fractions', () => {
  const [, v] = loadVectors('progress').find(([n]) => n === 'seed004_separated')
  const org = new okr.Org(v.document)
  const report = org.progress()
  const krs = report.table('key_results').rows
  const expected = report.objectives.flatMap((o) => o.keyResults.map((k) => [k.keyResult, k.progress]))
  assert.deepEqual(krs.map((r) => [r.key_result, r.progress]), expected)
  for (const r of krs) if (r.progress !== null) assert.equal(r.progress_pct, r.progress * 100)
  const objs = report.table('progress.objectives').rows
  assert.deepEqual(objs.map((r) => r.progress), report.objectives.map((o) => o.progress))
  assert.ok(objs.every((r) => typeof r.title === 'string' && typeof r.team_name === 'string'))

  const [, s] = loadVectors('score').find(([n]) => n === 'verdicts_by_type')
  const sorg = new okr.Org(s.document)
  const cycle = s.cycle ?? s.document.cycles[0].id
  const scored = sorg.scoreCycle(cycle)
  assert.deepEqual(sorg.scoreTable(cycle).rows.map((r) => [r.objective, r.score]), scored.objectives.map((o) => [o.objective, o.score]))
})

test('lint findings join to key results and objectives', () => {
  const [, v] = loadVectors('score').find(([n]) => n === 'calibration')
  const t = okr.lintTable(v.document)
  assert.ok(t.rows.length > 0)
  assert.deepEqual(new Set(t.rows.map((r) => r.code)), new Set(okr.lint(v.document).findings.map((f) => f.code)))
})

test('bad table names and arguments throw typed errors', () => {
  const [, v] = loadVectors('progress').find(([n]) => n === 'seed004_separated')
  const org = new okr.Org(v.document)
  const report = org.progress()
  const cycle = v.document.cycles[0].id
  const bad = [
    () => report.table('nope'),
    () => report.table('score.objectives'), // another report's table
    () => org.scoreTable(cycle, 'histograms'),
    () => org.healthTable(cycle, 'bands', { asOf: '2026-02-01' }),
    () => okr.tableSchema('nope'),
  ]
  for (const f of bad) assert.throws(f, (e) => e.code === 'invalid_value' && /tables are/.test(e.message))
  assert.throws(() => okr.tableSchema('nope'), (e) => e.path === 'name')
  assert.throws(() => report.table('nope'), (e) => e.path === 'table')
  assert.throws(() => org.scoreTable('no-such-cycle'), (e) => typeof e.code === 'string' && e.code !== 'internal_error')
  assert.throws(() => okr.classifyTable(['x'], 'sideways'), (e) => e.code === 'parse_error' && e.path === 'structure')
  // A report computed without key results refuses the key_results table instead of an empty one.
  const lean = org.progress({ keyResults: false })
  assert.throws(() => lean.table('key_results'), (e) => e.code === 'invalid_value' && /keyResults: false/.test(e.message))
  // Its objectives table is the full report's: the key results are counted even though
  // the rows leave them out (before the tables came from the columns, `key_results` read 0 there).
  assert.deepEqual(lean.table('objectives').rows, report.table('objectives').rows)
})

test('Arrow keeps a moment to the microsecond', () => {
  const ledger = new okr.Ledger()
  const document = {
    cycles: [{ id: 'q1', name: 'Q1', start: '2026-01-01', end: '2026-03-31' }],
    teams: [{ id: 'web', name: 'Web' }],
    people: [{ id: 'ana', name: 'Ana' }],
    objectives: [],
  }
  ledger.importDocument('2026-01-02T09:00:00.123456Z', { person: 'ana', team: 'web' }, document, [], { members: [{ team: 'web', person: 'ana' }] })
  const t = ledger.table()
  assert.equal(t.rows[0].at, '2026-01-02T09:00:00.123456Z')
  assertArrowIsTable(ledger.tableArrow(), t, 'µs ledger')
  assert.deepEqual(rawValues(tableFromIPC(ledger.tableArrow()).getChild('at')), [1767344400123456n])
})

test('each …Arrow twin refuses what its plain table refuses, with the same code, path and message', () => {
  const [, v] = loadVectors('progress').find(([n]) => n === 'seed004_separated')
  const org = new okr.Org(v.document)
  const report = org.progress()
  const cycle = v.document.cycles[0].id
  const lean = org.progress({ keyResults: false })
  const thrown = (f) => {
    try {
      f()
    } catch (e) {
      return { code: e.code, path: e.path, message: e.message }
    }
    assert.fail('did not throw')
  }
  const pairs = [
    [() => report.table('nope'), () => report.tableArrow('nope')],
    [() => report.table(3), () => report.tableArrow(3)],
    [() => lean.table('key_results'), () => lean.tableArrow('key_results')],
    [() => org.scoreTable('no-such-cycle'), () => org.scoreTableArrow('no-such-cycle')],
    [() => org.scoreTable(cycle, 'histograms'), () => org.scoreTableArrow(cycle, 'histograms')],
    [() => org.healthTable(cycle, 'bands'), () => org.healthTableArrow(cycle, 'bands')],
    [() => org.healthTable(cycle, 'teams', { staleDays: 3 }), () => org.healthTableArrow(cycle, 'teams', { staleDays: 3 })],
    [() => org.lintTable({ maxObjectives: 3 }), () => org.lintTableArrow({ maxObjectives: 3 })],
    [() => okr.lintTable(v.document, { maxObjectives: 3 }), () => okr.lintTableArrow(v.document, { maxObjectives: 3 })],
    [() => okr.lintTable('{not json'), () => okr.lintTableArrow('{not json')],
    [() => okr.classifyTable(['x'], 'sideways'), () => okr.classifyTableArrow(['x'], 'sideways')],
    [() => okr.classifyTable('x'), () => okr.classifyTableArrow('x')],
  ]
  for (const [plain, arrow] of pairs) {
    const p = thrown(plain)
    assert.ok(typeof p.code === 'string' && p.code !== 'internal_error', JSON.stringify(p))
    assert.deepEqual(thrown(arrow), p)
  }
})
