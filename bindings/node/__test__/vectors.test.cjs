'use strict'
// The shared vectors of tests/vectors, held to the same answers as Rust (numbers to the last bit).
const test = require('node:test')
const assert = require('node:assert/strict')
const okr = require('../index.js')
const { loadVectors, camelize, assertSubset, codesOf } = require('./helpers.cjs')

test('progress vectors (snake_case document in, camelCase report out)', () => {
  for (const [name, v] of loadVectors('progress')) {
    const org = new okr.Org(v.document)
    const report = org.progress(camelize(v.options ?? {}))
    assertSubset(camelize(v.expected), report, name) // through the getters
    assertSubset(camelize(v.expected), report.toJSON(), `${name} (toJSON)`)
    assertSubset(camelize(v.expected), JSON.parse(JSON.stringify(report)), `${name} (JSON.stringify)`)
    for (const o of camelize(v.expected).objectives ?? []) {
      if (o.objective !== undefined) assertSubset(o, report.objective(o.objective), `${name} objective(${o.objective})`)
    }
  }
})

test('progress vectors, camelCase document and options, async', async () => {
  for (const [name, v] of loadVectors('progress')) {
    const org = await okr.loadAsync(camelize(v.document))
    const report = await org.progressAsync(camelize(v.options ?? {}))
    assertSubset(camelize(v.expected), report, name)
  }
})

test('progress vectors from JSON text and a Buffer', () => {
  for (const [name, v] of loadVectors('progress')) {
    const text = JSON.stringify(v.document)
    for (const input of [text, Buffer.from(text)]) {
      const report = okr.loadDocument(input).progress(camelize(v.options ?? {}))
      assertSubset(camelize(v.expected), report, name)
    }
  }
})

test('invalid vectors: every problem, by code and path, in order', () => {
  for (const [name, v] of loadVectors('invalid')) {
    let err
    try {
      new okr.Org(v.document)
    } catch (e) {
      err = e
    }
    assert.ok(err instanceof Error, `${name}: loaded, but it is invalid`)
    assert.ok(typeof err.code === 'string', `${name}: no code`)
    const got = err.problems.map((p) => ({ code: p.code, path: p.path }))
    assert.deepEqual(got, v.expected_problems, name)
    // validate() gives the same problems without throwing.
    assert.deepEqual(okr.validate(v.document).map((p) => ({ code: p.code, path: p.path })), v.expected_problems, name)
  }
})

test('score vectors: scoring, calibration, lint codes', () => {
  for (const [name, v] of loadVectors('score')) {
    const org = new okr.Org(v.document)
    if (typeof v.cycle === 'string') {
      assertSubset(camelize(v.expected), org.scoreCycle(v.cycle), name)
    }
    if (v.expected_calibration) {
      assertSubset(camelize(v.expected_calibration), okr.calibrate(org.scoreAll()), `${name} calibration`)
    }
    for (const code of v.expected_lint_codes ?? []) {
      assert.ok(okr.lint(v.document).findings.some((f) => f.code === code), `${name}: lint lacks ${code}`)
    }
  }
})

test('health vectors', () => {
  for (const [name, v] of loadVectors('health', { required: false })) {
    const org = new okr.Org(v.document)
    const o = v.options ?? {}
    const report = org.health(v.cycle, { asOf: o.as_of, staleAfterDays: o.stale_after_days })
    assertSubset(camelize(v.expected), report, name)
  }
})

test('classify vectors (when present)', () => {
  for (const [name, v] of loadVectors('classify', { required: false })) {
    for (const s of v.statements ?? []) {
      const c = okr.classify(s.text, s.structure ?? undefined)
      assert.equal(c.kind, s.kind, `${name}: ${s.text}`)
    }
  }
})

// ---------------------------------------------------------------- ledger vectors

function applyStep(ledger, step) {
  return ledger.append(step.at, step.actor, step.action)
}

test('ledger vectors (when present): steps, refusals leave the ledger unchanged', (t) => {
  for (const [name, v] of loadVectors('ledger', { required: false })) {
    const ledger = new okr.Ledger()
    for (const [i, step] of (v.steps ?? []).entries()) {
      if (step.expect_error) {
        const before = ledger.toJsonl()
        assert.throws(() => applyStep(ledger, step), (e) => codesOf(e).includes(step.expect_error), `${name} step ${i}`)
        assert.equal(ledger.toJsonl(), before, `${name} step ${i}: a refused step changed the ledger`)
      } else {
        applyStep(ledger, step)
      }
    }
    const expected = v.expected ?? {}
    for (const [key, want] of Object.entries(expected)) {
      if (key === 'document' || key === 'state') {
        assertSubset(camelize(want), JSON.parse(JSON.stringify(ledger.document())), `${name}.${key}`)
      } else if (key === 'history') {
        for (const [kr, versions] of Object.entries(want)) {
          assertSubset(camelize(versions), JSON.parse(JSON.stringify(ledger.history(kr))), `${name}.history.${kr}`)
        }
      } else if (key === 'entries') {
        assert.equal(ledger.length, want, `${name}.entries`)
      } else {
        t.diagnostic(`${name}: expected.${key} is not checked by the Node runner yet`)
      }
    }
    // Round trip through JSON Lines and through entry objects: same head.
    assert.equal(okr.Ledger.fromJsonl(ledger.toJsonl()).head, ledger.head, name)
  }
})

// ---------------------------------------------------------------- the bad-input catalog

function generated(spec) {
  const doc = {
    schema_version: 1,
    cycles: [{ id: 'q', name: 'Q', start: '2026-01-01', end: '2026-03-31' }],
    teams: [{ id: 't', name: 'T' }],
    objectives: [],
  }
  const objective = (i) => ({ id: `o${i}`, title: 'Objective', team: 't', cycle: 'q' })
  if (spec.alignment_chain) {
    for (let i = 0; i < spec.alignment_chain; i++) {
      const o = objective(i)
      if (i > 0) o.aligned_to = { objective: `o${i - 1}`, how: 'cascaded' }
      doc.objectives.push(o)
    }
  }
  if (spec.title_bytes) {
    doc.objectives = [{ ...objective(0), title: 'a'.repeat(spec.title_bytes) }]
  }
  return doc
}

const NON_FINITE = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }

function inject(doc, pointer, value) {
  const parts = pointer.replace(/^\//, '').split('/')
  const last = parts.pop()
  let at = doc
  for (const p of parts) at = at[p]
  assert.ok(value in NON_FINITE, `unknown injected value ${value}`)
  at[last] = NON_FINITE[value]
}

function runDocument(input) {
  if (typeof input.text === 'string') return okr.loadDocument(input.text)
  if (typeof input.bytes_base64 === 'string') return okr.loadDocument(Buffer.from(input.bytes_base64, 'base64'))
  const doc = input.generate ? generated(input.generate) : structuredClone(input.json)
  for (const inj of input.inject ?? []) inject(doc, inj.pointer, inj.value)
  return new okr.Org(doc)
}

function runLedger(input) {
  if (typeof input.text === 'string') return okr.Ledger.fromJsonl(input.text)
  const ledger = new okr.Ledger()
  const steps = input.steps
  for (const s of steps.slice(0, -1)) applyStep(ledger, s)
  return applyStep(ledger, steps[steps.length - 1])
}

function runTable(input) {
  return okr.readTable(Buffer.from(input.bytes_base64, 'base64'))
}

const RUNNERS = { ledger: runLedger, table: runTable }

test('bad-input catalog: every file gives its expected code, and the process lives', () => {
  const vectors = loadVectors('bad')
  for (const [name, v] of vectors) {
    const run = () => (RUNNERS[v.target] ?? runDocument)(v.input)
    if (v.expected_code === null) {
      assert.doesNotThrow(run, name)
      continue
    }
    let err
    try {
      run()
    } catch (e) {
      err = e
    }
    assert.ok(err instanceof Error, `${name}: expected ${v.expected_code}, but it loaded`)
    assert.ok(codesOf(err).includes(v.expected_code), `${name}: expected ${v.expected_code}, got ${codesOf(err)}: ${err.message.slice(0, 200)}`)
  }
  assert.ok(vectors.length >= 45, `the catalog shrank: ${vectors.length}`)
})

test('bad-input catalog: a refused ledger step leaves the ledger byte for byte unchanged', () => {
  for (const [name, v] of loadVectors('bad')) {
    if (v.target !== 'ledger' || !v.input.steps) continue
    const ledger = new okr.Ledger()
    const steps = v.input.steps
    for (const s of steps.slice(0, -1)) applyStep(ledger, s)
    const before = ledger.toJsonl()
    const head = ledger.head
    assert.throws(() => applyStep(ledger, steps[steps.length - 1]), { code: v.expected_code }, name)
    assert.equal(ledger.toJsonl(), before, name)
    assert.equal(ledger.head, head, name)
  }
})
