'use strict'
// Every error path gives an Error with a stable code (and a path), and the process lives on.
const test = require('node:test')
const assert = require('node:assert/strict')
const okr = require('../index.js')

const doc = () => ({
  schema_version: 1,
  cycles: [{ id: 'q1', name: 'Q1', start: '2026-01-01', end: '2026-03-31' }],
  teams: [{ id: 'web', name: 'Web' }],
  people: [{ id: 'ana', name: 'Ana' }],
  objectives: [
    {
      id: 'o1',
      title: 'World-class checkout',
      team: 'web',
      cycle: 'q1',
      key_results: [{ id: 'kr1', title: 'Checkout conversion > 65%', measure: { type: 'metric', baseline: 50, target: 65 } }],
    },
  ],
})

const coded = (code, path) => (e) => {
  assert.ok(e instanceof Error, 'an Error')
  assert.equal(e.code, code, e.message)
  if (path !== undefined) assert.equal(e.path, path)
  assert.ok(Array.isArray(e.problems) || e.code === 'internal_error')
  return true
}

test('bad documents: wrong top-level types', () => {
  for (const bad of [42, null, undefined, true, [], [doc()], () => 1, Symbol('x')]) {
    assert.throws(() => new okr.Org(bad), coded('parse_error'), String(bad))
  }
  assert.throws(() => okr.loadDocument('{'), (e) => coded('parse_error')(e) && e.line === 1)
  assert.throws(() => okr.loadDocument(Buffer.from([0x7b, 0xff, 0x7d])), coded('parse_error'))
})

test('bad documents: wrong types inside, with the path', () => {
  const d = doc()
  d.objectives[0].title = 42
  assert.throws(() => new okr.Org(d), coded('parse_error', 'objectives[0].title'))
  const e = doc()
  e.objectives[0].keyResults = 'many'
  delete e.objectives[0].key_results
  assert.throws(() => new okr.Org(e), coded('parse_error', 'objectives[0].key_results'))
  const f = doc()
  f.objectives[0].bogus = 1
  assert.throws(() => new okr.Org(f), coded('parse_error'))
  const g = doc()
  g.objectives[0].title = () => 'x'
  assert.throws(() => new okr.Org(g), coded('parse_error', 'objectives[0].title'))
  // A BigInt beyond 64 bits reads as the same literal in JSON text does (the
  // nearest double, as Python reads such an int; r15 finding 11); beyond a
  // double's range it is refused, as that text is.
  const h = doc()
  h.objectives[0].key_results[0].measure.target = 10n ** 30n
  const fromText = doc()
  fromText.objectives[0].key_results[0].measure.target = 1e30
  assert.equal(new okr.Org(h).toJson(), new okr.Org(fromText).toJson())
  h.objectives[0].key_results[0].measure.target = -(2n ** 64n) - 2049n
  assert.equal(JSON.parse(new okr.Org(h).toJson()).objectives[0].key_results[0].measure.target, -(2 ** 64) - 4096)
  h.objectives[0].key_results[0].measure.target = 10n ** 400n
  assert.throws(() => new okr.Org(h), coded('parse_error', 'objectives[0].key_results[0].measure.target'))
  let deep = {}
  for (let i = 0; i < 300; i++) deep = { x: deep }
  assert.throws(() => new okr.Org({ ...doc(), teams: [deep] }), coded('parse_error'))
})

test('NaN and Infinity never become null: the core sees them, not_finite with the path', () => {
  const where = 'objectives[0].key_results[0].measure.baseline'
  for (const bad of [NaN, Infinity, -Infinity]) {
    const d = doc()
    d.objectives[0].key_results[0].measure.baseline = bad
    assert.throws(() => new okr.Org(d), (e) => {
      coded('invalid_document', where)(e)
      assert.deepEqual(e.problems.map((p) => [p.code, p.path]), [['not_finite', where]])
      return true
    })
    assert.deepEqual(okr.validate(d).map((p) => [p.code, p.path]), [['not_finite', where]])
    const findings = okr.lint(d).findings.filter((f) => f.severity === 'error')
    assert.deepEqual(findings.map((f) => [f.code, f.path]), [['not_finite', where]])
  }
  // A weight that is not finite is the core's not_finite, as in Rust (the core decides).
  const w = doc()
  w.objectives[0].key_results[0].weight = -Infinity
  assert.throws(() => new okr.Org(w), (e) => e.problems.some((p) => p.code === 'not_finite' && p.path === 'objectives[0].key_results[0].weight'))
  // Where no number belongs, or in options and ledger actions: not_finite at once.
  const t = doc()
  t.objectives[0].title = NaN
  assert.throws(() => new okr.Org(t), coded('not_finite', 'objectives[0].title'))
  const d = doc()
  d.check_ins = [{ key_result: 'kr1', at: new Date(NaN), value: 1 }]
  assert.throws(() => new okr.Org(d), coded('not_finite', 'check_ins[0].at'))
  const org = new okr.Org(doc())
  assert.throws(() => org.lint({ staleAfterDays: NaN }), coded('not_finite', 'options.staleAfterDays'))
})

test('invalid documents list every problem', () => {
  const d = doc()
  d.objectives[0].title = ''
  d.objectives[0].key_results[0].measure.target = 50
  d.objectives.push({ ...d.objectives[0], key_results: [] })
  assert.throws(
    () => new okr.Org(d),
    (e) => {
      coded('invalid_document')(e)
      assert.equal(e.path, e.problems[0].path)
      const codes = e.problems.map((p) => p.code)
      assert.deepEqual(codes.sort(), ['duplicate_id', 'empty_title', 'empty_title', 'target_equals_baseline'].sort())
      assert.match(e.message, /problems/)
      return true
    },
  )
})

test('bad options and arguments', () => {
  const org = new okr.Org(doc())
  assert.throws(() => org.progress({ asOf: 'not a date' }), coded('parse_error', 'options.asOf'))
  assert.throws(() => org.progress({ asOf: new Date(NaN) }), coded('not_finite'))
  assert.throws(() => org.progress({ milestones: 'sometimes' }), coded('parse_error'))
  assert.throws(() => org.progress(42), coded('parse_error', 'options'))
  assert.throws(() => org.scoreCycle('nope'), coded('dangling_reference', 'cycle'))
  assert.throws(() => org.health('nope'), coded('dangling_reference'))
  // An unknown cycle is an error in progress too, never an empty report.
  assert.throws(() => org.progress({ cycle: 'no-such-cycle' }), coded('dangling_reference', 'cycle'))
  // A misspelt option or rule code is an error, never silently ignored.
  assert.throws(() => org.progress({ asof: '2026-02-01' }), coded('parse_error'))
  assert.throws(() => org.lint({ rules: { stale_key_results: 'off' } }), /stale_key_results/)
  assert.throws(() => org.lint({ maxObjectives: 3 }), coded('parse_error'))
  assert.throws(() => org.health('q1', { staleDays: 3 }), coded('parse_error'))
  assert.throws(() => okr.calibrate([{ nope: 1 }]), coded('parse_error'))
  assert.throws(() => new okr.Classifier({ outputVerbs: 'build' }), coded('parse_error', 'vocabulary.output_verbs'))
  // An unknown key is an error, not silently ignored.
  assert.throws(() => new okr.Classifier({ metricNoun: ['x'] }), (e) => {
    assert.ok(e.path.startsWith('vocabulary'), e.path)
    assert.ok(['parse_error', 'invalid_value'].includes(e.code), e.code)
    assert.match(e.message, /unknown field/)
    return true
  })
  // Arguments of the wrong primitive type are refused by napi with its own code.
  assert.throws(() => okr.classify(42), (e) => e instanceof Error && typeof e.code === 'string')
  assert.throws(() => org.scoreCycle(undefined), (e) => e instanceof Error && typeof e.code === 'string')
})

test('refused ledger actions: coded, and the ledger is unchanged', () => {
  const ana = { person: 'ana', team: 'web' }
  const ledger = new okr.Ledger()
  assert.throws(() => ledger.agree('2026-01-01T00:00:00Z', ana, 'web', 'q1'), (e) => typeof e.code === 'string')
  ledger.importDocument('2026-01-02T09:00:00Z', ana, doc(), [], { members: [{ team: 'web', person: 'ana' }] })
  const before = ledger.toJsonl()
  assert.throws(() => ledger.importDocument('2026-01-03T09:00:00Z', ana, doc()), (e) => typeof e.code === 'string')
  assert.throws(() => ledger.proposeSet('2026-01-01T09:00:00Z', ana, 'web', 'q1'), coded('out_of_order', 'at'))
  assert.throws(() => ledger.accept('2026-01-03T09:00:00Z', ana, 'e9'), coded('unknown_element'))
  assert.throws(() => ledger.checkIn('2026-01-03T09:00:00Z', ana, 'kr1', NaN), coded('not_finite', 'action.value'))
  assert.throws(() => ledger.checkIn('not a time', ana, 'kr1', 1), coded('parse_error', 'at'))
  assert.throws(() => ledger.append('2026-01-03T09:00:00Z', ana, { type: 'levitate' }), coded('parse_error'))
  assert.throws(() => ledger.append('2026-01-03T09:00:00Z', { person: 'ana' }, { type: 'withdraw', proposal: 'e0' }), coded('parse_error'))
  assert.throws(() => ledger.history('nope'), coded('unknown_key_result'))
  assert.throws(() => ledger.entryJson(99), coded('invalid_value'))
  assert.equal(ledger.toJsonl(), before)
  assert.throws(() => okr.Ledger.fromJsonl('{"seq": 0}\n'), (e) => coded('parse_error')(e) && e.line === 1)
  const lines = before.trim().split('\n')
  const forged = JSON.parse(lines[0])
  forged.at = '2025-12-31T09:00:00Z'
  assert.throws(() => okr.Ledger.fromJsonl(JSON.stringify(forged) + '\n'), (e) => coded('tampered')(e) && e.index === 0 && e.entryId === 'e0')
})

test('Promise variants reject with the same coded errors', async () => {
  const bad = doc()
  bad.objectives[0].title = ''
  await assert.rejects(okr.loadAsync(bad), coded('invalid_document'))
  await assert.rejects(okr.loadAsync('{'), coded('parse_error'))
  await assert.rejects(okr.Ledger.fromJsonlAsync('nope'), coded('parse_error'))
  await assert.rejects(async () => okr.lintAsync(42), coded('parse_error'))
  const org = new okr.Org(doc())
  await assert.rejects(async () => org.progressAsync({ asOf: 'soon' }), coded('parse_error'))
  await assert.rejects(async () => org.progressAsync({ cycle: 'no-such-cycle' }), coded('dangling_reference', 'cycle'))
})

test('a panic in Rust becomes an Error; the process lives on', () => {
  for (let i = 0; i < 3; i++) {
    assert.throws(() => okr.__panicForTests(), (e) => e instanceof Error && /deliberate panic/.test(e.message))
  }
  assert.equal(new okr.Org(doc()).progress().objectives[0].progress, 0)
})
