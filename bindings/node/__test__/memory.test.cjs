'use strict'
// Native memory is visible to V8 (external memory) and can be released early.
const test = require('node:test')
const assert = require('node:assert/strict')
const okr = require('../index.js')

const text = okr.generateJson({ teams: 5, objectives: 50, keyResults: 200, checkIns: 200 })

const freed = (e) => e instanceof okr.OkrError && e.code === 'invalid_state' && /freed/.test(e.message)

test('an Org reports its native memory to V8 and free() gives it back', async () => {
  const org = okr.Org.fromJson(text)
  assert.ok(org.externalMemory >= text.length, `${org.externalMemory} bytes reported for ${text.length} bytes of JSON`)
  for (const o of [new okr.Org(JSON.parse(text)), await okr.loadAsync(text), await okr.loadAsync(JSON.parse(text))]) {
    assert.equal(o.externalMemory, org.externalMemory)
  }
  org.free()
  assert.equal(org.externalMemory, 0)
  assert.throws(() => org.progress(), freed)
  assert.throws(() => org.keyResultCount, freed)
  assert.throws(() => org.lint(), freed)
  await assert.rejects(async () => org.progressAsync(), freed)
  org.free() // twice is fine
})

test('a freed Org reports a bad argument before itself, as an open one does', () => {
  const org = okr.Org.fromJson(text)
  org.free()
  const bad = (code, path) => (e) => e instanceof okr.OkrError && e.code === code && e.path === path
  assert.throws(() => org.progressOver(5), bad('parse_error', 'dates'))
  assert.throws(() => org.progressOver([NaN]), bad('not_finite', 'dates[0]'))
  assert.throws(() => org.progressOver([], { asOf: '2026-01-01' }), bad('invalid_value', 'options.asOf'))
  assert.throws(() => org.progressOver(['2026-01-01']), freed)
})

test('Symbol.dispose frees (the `using` declaration)', () => {
  const org = okr.Org.fromJson(text)
  assert.equal(typeof org[Symbol.dispose], 'function')
  org[Symbol.dispose]()
  assert.throws(() => org.document(), freed)
  const ledger = new okr.Ledger()
  ledger[Symbol.dispose]()
  assert.throws(() => ledger.length, freed)
})

test('every class with free() is Disposable, in JS and in the TypeScript declarations', () => {
  const withFree = Object.entries(okr)
    .filter(([, v]) => typeof v === 'function' && v.prototype && typeof v.prototype.free === 'function')
    .map(([name, v]) => {
      assert.equal(v.prototype[Symbol.dispose], v.prototype.free, name)
      return name
    })
    .sort()
  assert.ok(withFree.length >= 3, withFree.join(', '))
  const dts = require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'index.d.ts'), 'utf8')
  const declared = [...dts.matchAll(/interface (\w+) extends Disposable/g)].map((m) => m[1]).sort()
  assert.deepEqual(declared, withFree)
})

test('a Ledger reports its memory, growing with each entry, and frees', () => {
  const ledger = new okr.Ledger()
  const empty = ledger.externalMemory
  ledger.importDocument('2026-01-02T09:00:00Z', { person: 'p1', team: 't1' }, text)
  const imported = ledger.externalMemory
  assert.ok(imported > empty + text.length, `${imported}`)
  const again = okr.Ledger.fromJsonl(ledger.toJsonl())
  assert.ok(again.externalMemory > 0)
  const org = ledger.org()
  assert.ok(org.externalMemory > 0)
  ledger.free()
  assert.equal(ledger.externalMemory, 0)
  assert.throws(() => ledger.toJsonl(), freed)
  assert.throws(() => ledger.append('2026-01-03T09:00:00Z', { person: 'p1', team: 't1' }, { type: 'propose_set', team: 't1', cycle: 'c1' }), freed)
  // The org read from it lives on.
  assert.equal(org.keyResultCount, 200)
})

test('the estimate comes from counts: long titles do not make a handle serialise itself', () => {
  const doc = JSON.parse(text)
  const long = JSON.parse(text)
  for (const o of long.objectives) {
    o.title = o.title + 'x'.repeat(400)
    for (const kr of o.key_results) kr.title = kr.title + 'y'.repeat(400)
  }
  // Before: twice the JSON size of each (the long one ~5x the short); now one
  // figure per element, the same for the same counts.
  assert.equal(new okr.Org(long).externalMemory, new okr.Org(doc).externalMemory)
  // Twice the key results and check-ins: more, as the counts say.
  const bigger = okr.Org.fromJson(okr.generateJson({ teams: 5, objectives: 50, keyResults: 400, checkIns: 400 }))
  assert.ok(bigger.externalMemory > okr.Org.fromJson(text).externalMemory * 1.5)
})

test('free() gives the org back; a report computed from it keeps working (it holds the org, as documented)', () => {
  const org = okr.Org.fromJson(text)
  const report = org.progress()
  const first = report.objective(report.objectives[0].objective)
  org.free()
  assert.equal(org.externalMemory, 0)
  assert.throws(() => org.progress(), freed)
  // The report keeps the organisation alive for its tables and lookups.
  assert.deepEqual(report.objective(first.objective), first)
  assert.equal(report.table('objectives').rows.length, 50)
  assert.equal(JSON.stringify(report.toJSON()).length > 0, true)
})

test('a ProgressReport reports its columns, then its rows once read (progressAsync: built in the worker), to V8, and free() gives them back', async () => {
  const org = okr.Org.fromJson(text)
  const report = org.progress()
  // 200 key results and 50 objectives held as columns: a value, an
  // attainment and a byte of flags per key result at least.
  const columns = report.externalMemory
  assert.ok(columns >= 200 * 17, `${columns}`)
  assert.equal(org.progressOver(['2026-02-01'])[0].externalMemory, org.progress({ asOf: '2026-02-01' }).externalMemory)
  // Tables and counts read the columns: no rows are built.
  report.table('key_results')
  report.tableArrowColumns('objectives')
  assert.deepEqual([report.objectiveCount, report.keyResultCount, report.asOf], [50, 200, null])
  assert.equal(report.externalMemory, columns)
  // One objective is converted alone: still no rows.
  assert.ok(report.objective(JSON.parse(text).objectives[0].id))
  assert.equal(report.externalMemory, columns)
  // Reading rows builds them once, and their memory is reported: a few dozen
  // bytes per key result row; without key-result rows, less than half that.
  const objectives = report.objectives
  const rows = report.externalMemory - columns
  assert.ok(rows > 200 * 48, `${rows}`)
  report.cycles
  report.toJSON()
  assert.equal(report.externalMemory, columns + rows)
  // progressAsync builds the rows in its worker (the JS thread only converts
  // them), reported at once and not again when read.
  const early = await org.progressAsync()
  assert.equal(early.externalMemory, columns + rows)
  assert.deepEqual(early.objectives, objectives)
  assert.equal(early.externalMemory, columns + rows)
  const brief = org.progress({ keyResults: false })
  const before = brief.externalMemory
  brief.objectives
  assert.ok(brief.externalMemory - before < rows / 2, `${brief.externalMemory - before} of ${rows}`)
  report.free()
  assert.equal(report.externalMemory, 0)
  // What was read stays; everything that needs the native rows throws.
  assert.equal(report.objectives, objectives)
  assert.throws(() => report.teams, freed)
  assert.throws(() => report.asOf, freed)
  assert.throws(() => report.objectiveCount, freed)
  assert.throws(() => report.objective(objectives[0].objective), freed)
  assert.throws(() => report.table(), freed)
  assert.throws(() => report.tableArrow(), freed)
  assert.throws(() => report.toJSON(), freed)
  assert.throws(() => JSON.stringify(report), freed)
  report.free() // twice is fine
  // The org is untouched.
  assert.equal(org.progress().objectiveCount, 50)
})

test('Symbol.dispose frees a ProgressReport', () => {
  const report = okr.Org.fromJson(text).progress()
  assert.equal(typeof report[Symbol.dispose], 'function')
  report[Symbol.dispose]()
  assert.throws(() => report.cycles, freed)
})
