'use strict'
// tests/vectors/surface/operations.json lists every operation each binding must
// expose; this test fails when Node lacks one that `missing.node` does not
// excuse with a reason.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const okr = require('../index.js')

const surface = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tests', 'vectors', 'surface', 'operations.json'), 'utf8'))
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())

// Where Node's name is not the lowerCamelCase of the core's: written out.
// Keys as in `missing`: 'Owner.name', or the bare name of a module-level
// operation -> [owner in Node ('' = module export), name]; `new` = the constructor.
const MAPPED = {
  load: ['', 'loadDocument'],
  'Org.from_json': ['Org', 'fromJson'],
  // Node has no Document class: a document is a plain object (or its JSON
  // text), and these are module-level functions or the Org constructor.
  'Document.validate': ['', 'validate'],
  'Document.lint': ['', 'lint'],
  'Document.org': ['Org', 'new'],
  'Document.json_schema': ['', 'documentSchema'],
}

function has(owner, name) {
  if (owner === '') return typeof okr[name] === 'function'
  const C = okr[owner]
  if (typeof C !== 'function') return false
  if (name === 'new') return true
  return name in C || name in C.prototype
}

test('every operation of the surface vector is exposed (or listed as missing, with a reason)', () => {
  const missing = surface.missing.node ?? {}
  for (const [key, reason] of Object.entries(missing)) {
    assert.ok(typeof reason === 'string' && reason.length > 10, `missing.node.${key} needs a reason`)
  }
  const absent = []
  for (const { owner, name } of surface.operations) {
    const key = owner ? `${owner}.${name}` : name
    if (key in missing) {
      const [o, n] = MAPPED[key] ?? [owner, camel(name)]
      assert.ok(!has(o, n), `${key} is listed as missing in Node but exists: take it out of missing.node`)
      continue
    }
    const [o, n] = MAPPED[key] ?? [owner, camel(name)]
    if (!has(o, n)) absent.push(`${key} (Node: ${o ? o + '.' : ''}${n})`)
  }
  assert.deepEqual(absent, [], 'operations missing from the Node binding')
})

test('the surface test itself fails for an operation Node lacks', () => {
  assert.equal(has('Org', 'noSuchOperation'), false)
  assert.equal(has('', 'noSuchFunction'), false)
  assert.equal(has('NoSuchClass', 'x'), false)
})

test('the new operations work: Org.progressOver, cycles, teams, calibrate; Ledger.lint, health, retrospectives', () => {
  const org = new okr.Org(okr.generate({ teams: 3, objectives: 12, keyResults: 30, checkIns: 60, cycles: 2 }))
  assert.deepEqual(org.cycles, org.document().cycles.map((c) => c.id))
  assert.deepEqual(org.teams, org.document().teams.map((t) => t.id))
  const days = ['2026-01-15', new Date('2026-02-15T12:00:00Z')]
  const over = org.progressOver(days)
  assert.equal(over.length, 2)
  assert.deepEqual(over.map((r) => r.asOf), ['2026-01-15', '2026-02-15'])
  assert.deepEqual(over[1].toJSON(), org.progress({ asOf: '2026-02-15' }).toJSON())
  assert.throws(() => org.progressOver(days, { asOf: '2026-01-01' }), (e) => e.code === 'invalid_value' && e.path === 'options.asOf')
  assert.throws(() => org.progressOver(['soon']), (e) => e.code === 'parse_error' && e.path === 'dates[0]')
  assert.deepEqual(org.calibrate(), okr.calibrate(org.scoreAll()))

  const ana = { person: 'ana', team: 'web' }
  const ledger = new okr.Ledger()
  ledger.importDocument('2026-01-02T09:00:00Z', ana, {
    cycles: [{ id: 'q1', name: 'Q1', start: '2026-01-01', end: '2026-03-31' }],
    teams: [{ id: 'web', name: 'Web' }],
    people: [{ id: 'ana', name: 'Ana' }],
    objectives: [{ id: 'o1', title: 'Checkout', team: 'web', cycle: 'q1', keyResults: [{ id: 'kr1', title: 'Conversion', measure: { type: 'metric', baseline: 50, target: 65 } }] }],
  }, [], { members: [{ team: 'web', person: 'ana' }] })
  const lint = ledger.lint({ maxRenegotiationsPerCycle: 1, dependencyAnswerDays: 3 })
  assert.ok(Array.isArray(lint.findings))
  assert.throws(() => ledger.lint({ maxRenegotiations: 1 }), (e) => e.code === 'parse_error' && e.path === 'options.maxRenegotiations')
  assert.equal(ledger.health('q1').cycle, 'q1')
  assert.throws(() => ledger.health('q9'), (e) => e instanceof okr.OkrError && e.code === 'dangling_reference')
  assert.deepEqual(ledger.retrospectives(), [])

  const csv = 'objective,team,cycle,key_result,title,type,baseline,target,current\no1,web,2026-Q1,kr1,Conversion,metric,50,65,58\n'
  for (const input of [csv, Buffer.from(csv)]) {
    const o = okr.loadCsv(input)
    assert.equal(o.keyResultCount, 1)
    assert.equal(o.progress().objectives[0].progress, 8 / 15)
  }
  assert.throws(() => okr.loadCsv(csv.replace(',58', ',NaN')), (e) => e instanceof okr.OkrError && typeof e.code === 'string' && e.code !== 'internal_error')
  assert.throws(() => okr.loadCsv(42), (e) => e instanceof okr.OkrError && e.code === 'parse_error')
})

test('the generated declarations carry their doc comments without raw-string quotes', () => {
  // Most native functions are written by src/define.rs's macros; napi-derive
  // copies a doc comment that passed through one as `r" text` unless
  // scripts/dts-docs.js (npm's postbuild) mends it.
  const dts = fs.readFileSync(path.join(__dirname, '..', 'native.d.ts'), 'utf8')
  const raw = dts.split('\n').filter((line) => /^\s*(\/\*\*|\*) r#*"/.test(line))
  assert.deepEqual(raw, [])
  assert.match(dts, /\/\*\* Number of entries\. \*\/\n {2}get length\(\): number/)
})

test('scripts/dts-docs.js mends every raw-string doc line, empty ones too, and again changes nothing', () => {
  const { execFileSync } = require('node:child_process')
  const os = require('node:os')
  const script = path.join(__dirname, '..', 'scripts', 'dts-docs.js')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrkit-dts-'))
  const file = path.join(dir, 'native.d.ts')
  const lines = (...l) => l.join('\n') + '\n'
  const quoted = 'export type T = "counter" | "error"'
  try {
    fs.writeFileSync(file, lines('  /**', '   * r" First.', '   * r"', '   * r""', '   * r#" Say "hi"."#', '   */', '  /** r" One. */', quoted))
    execFileSync(process.execPath, [script, file])
    const mended = lines('  /**', '   * First.', '   *', '   *', '   * Say "hi".', '   */', '  /** One. */', quoted)
    assert.equal(fs.readFileSync(file, 'utf8'), mended)
    execFileSync(process.execPath, [script, file])
    assert.equal(fs.readFileSync(file, 'utf8'), mended)
    // What it cannot mend fails the build and the pack.
    fs.writeFileSync(file, lines('  /**', '   * r"x', '   */'))
    assert.throws(() => execFileSync(process.execPath, [script, file], { stdio: 'pipe' }), /still start with/)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
