'use strict'
// The idiomatic surface: camelCase, Dates, classes, Promises, the ledger flow.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const okr = require('../index.js')

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples', 'data')
const checkout = () => JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'checkout.json'), 'utf8'))

const base = () => ({
  schemaVersion: 1,
  cycles: [{ id: 'q1', name: 'Q1', start: '2026-01-01', end: '2026-03-31' }],
  teams: [
    { id: 'shop', name: 'Shop' },
    { id: 'web', name: 'Web', parent: 'shop' },
  ],
  people: [
    { id: 'ana', name: 'Ana' },
    { id: 'bo', name: 'Bo' },
  ],
  objectives: [
    {
      id: 'o1',
      title: 'World-class checkout',
      team: 'web',
      cycle: 'q1',
      type: 'aspirational',
      keyResults: [
        { id: 'kr1', title: 'Checkout conversion > 65%', measure: { type: 'metric', baseline: 50, target: 65 }, keyPartner: 'bo' },
      ],
    },
  ],
  checkIns: [{ keyResult: 'kr1', at: new Date('2026-02-01T09:00:00Z'), value: 56 }],
})

test('camelCase in and out; Dates out; days as strings', () => {
  const org = new okr.Org(base())
  assert.equal(org.keyResultCount, 1)
  const doc = org.document()
  assert.ok(doc.checkIns[0].at instanceof Date)
  assert.equal(doc.checkIns[0].at.toISOString(), '2026-02-01T09:00:00.000Z')
  assert.equal(doc.objectives[0].keyResults[0].keyPartner, 'bo')
  assert.equal(doc.cycles[0].start, '2026-01-01')
  // The stored form keeps okrkit's JSON format (snake_case).
  const json = JSON.parse(org.toJson())
  assert.equal(json.check_ins[0].key_result, 'kr1')
  assert.deepEqual(new okr.Org(json).document(), doc)
  const report = org.progress({ asOf: new Date('2026-02-15T23:30:00Z') })
  assert.equal(report.asOf, '2026-02-15')
  assert.equal(report.objectives[0].keyResults[0].valueSource, 'check_in')
  assert.equal(report.objectives[0].progress, (56 - 50) / (65 - 50))
  assert.equal(report.objectives[0].pace.status, 'behind')
  assert.deepEqual(org.progress({ asOf: '2026-02-15' }).toJSON(), report.toJSON())
  const lean = org.progress({ asOf: '2026-02-15', keyResults: false })
  assert.deepEqual(lean.objectives[0].keyResults, [])
  assert.equal(lean.objectives[0].progress, report.objectives[0].progress)
  assert.deepEqual(lean.teams, report.teams)
  assert.equal(lean.keyResultCount, report.keyResultCount)
})

test('progress report handle: converted on access, cached, toJSON, accessors', async () => {
  const org = okr.Org.fromJson(okr.generateJson({ seed: 7, keyResults: 200 }))
  const report = org.progress({ asOf: '2026-02-15' })
  assert.ok(report instanceof okr.ProgressReport)
  assert.throws(() => new okr.ProgressReport())
  assert.deepEqual(Object.keys(report), []) // nothing converted yet
  assert.equal(report.objectiveCount, 50)
  assert.equal(report.keyResultCount, 200)
  assert.equal(report.asOf, '2026-02-15')
  assert.equal(report.milestones, 'leave_out')
  assert.equal(org.progress().asOf, null)
  // Converted once, then the same array (cached on the instance, not enumerable).
  const objectives = report.objectives
  assert.equal(report.objectives, objectives)
  assert.equal(report.teams, report.teams)
  assert.equal(report.cycles, report.cycles)
  assert.deepEqual(Object.keys(report), [])
  // toJSON: the plain report, keys in the order progress() always had.
  const plain = report.toJSON()
  assert.deepEqual(Object.keys(plain), ['asOf', 'milestones', 'objectives', 'teams', 'cycles'])
  assert.equal(JSON.stringify(report), JSON.stringify(plain))
  assert.deepEqual(plain.objectives, objectives)
  assert.deepEqual(plain.teams, report.teams)
  assert.deepEqual(plain.cycles, report.cycles)
  assert.equal(report.keyResultCount, objectives.reduce((n, o) => n + o.keyResults.length, 0))
  // One objective, team or cycle without converting the rest.
  for (const o of [objectives[0], objectives[17], objectives[49]]) {
    assert.deepEqual(report.objective(o.objective), o)
  }
  assert.equal(report.objective('no such objective'), null)
  const t = plain.teams[3]
  assert.deepEqual(report.team(t.team, t.cycle), t)
  assert.equal(report.team(t.team, 'no such cycle'), null)
  assert.deepEqual(report.cycle(plain.cycles[1].cycle), plain.cycles[1])
  assert.equal(report.cycle('nope'), null)
  // A fresh handle converts afresh; the async variant gives the same report.
  const again = await org.progressAsync({ asOf: '2026-02-15' })
  assert.ok(again instanceof okr.ProgressReport)
  assert.equal(JSON.stringify(again), JSON.stringify(report))
  assert.deepEqual(again.objective(objectives[5].objective), objectives[5])
  // Assigning a property of the report works as on the plain object it replaces.
  report.objectives = []
  assert.deepEqual(report.objectives, [])
})

test('lint, classify, Classifier, scoring, health, generate', async () => {
  const doc = checkout()
  const report = okr.lint(doc, { asOf: '2026-03-20', rules: { keyResultWithoutResponsible: 'off' } })
  assert.ok(report.findings.length > 0)
  assert.ok(report.findings.every((f) => f.code !== 'key_result_without_responsible'))
  assert.ok(report.findings.every((f) => typeof f.designRule === 'string'))
  assert.deepEqual(await okr.lintAsync(doc, { asOf: '2026-03-20', rules: { key_result_without_responsible: 'off' } }), report)

  const c = okr.classify('Build a tool to remind people of their shopping cart')
  assert.equal(c.kind, 'output')
  assert.match(c.suggestion, /initiatives/)
  assert.equal(okr.classify('Payments v2', 'milestone').kind, 'output')
  assert.throws(() => okr.classify('x', 'bogus'), { code: 'parse_error', path: 'structure' })
  const texts = ['Checkout conversion rate > 65%', 'Hire 3 engineers']
  assert.deepEqual(okr.classifyMany(texts).map((x) => x.kind), ['outcome', 'output'])
  assert.deepEqual(await okr.classifyManyAsync(texts), okr.classifyMany(texts))

  const vocab = okr.englishVocabulary()
  const classifier = new okr.Classifier({ outputVerbs: [...vocab.outputVerbs, 'onboard'], metricNouns: [...vocab.metricNouns, 'bookings'] })
  assert.equal(classifier.classify('Grow weekly bookings from 120 to 200').kind, 'outcome')
  assert.ok(classifier.vocabulary.outputVerbs.includes('onboard'))
  assert.deepEqual(await classifier.classifyManyAsync(texts), classifier.classifyMany(texts))

  // Words given are added to the English lists, unless `replace` is true.
  const added = new okr.Classifier({ metricNouns: ['bookings'] }).vocabulary
  assert.ok(added.metricNouns.includes('bookings') && added.metricNouns.includes('churn'))
  assert.deepEqual(added.outputVerbs, vocab.outputVerbs)
  const replaced = new okr.Classifier({ metricNouns: ['bookings'], replace: true }).vocabulary
  assert.deepEqual(replaced.metricNouns, ['bookings'])
  assert.deepEqual(new okr.Classifier(replaced).vocabulary, replaced)
  // Not enough evidence.
  const unclear = okr.classify('Be great')
  assert.equal(unclear.kind, 'undetermined')
  assert.deepEqual(unclear.signals, [])

  const org = new okr.Org(doc)
  const cycle = doc.cycles[0].id
  const scores = org.scoreCycle(cycle)
  assert.equal(scores.cycle, cycle)
  assert.ok(['stretch_success', 'stretch_short', 'commitment_met', 'explanation_required', 'not_scored'].includes(scores.objectives[0].verdict))
  assert.ok(Array.isArray(okr.calibrate(org.scoreAll())))
  const health = org.health(cycle, { asOf: '2026-03-20' })
  assert.equal(health.asOf, '2026-03-20')
  assert.equal(health.organisation.team, null)
  assert.equal(health.organisation.scoreHistogram.length, 10)

  const generated = okr.generate({ keyResults: 40, objectives: 10, teams: 3, checkIns: 100 })
  const big = new okr.Org(generated)
  assert.equal(big.keyResultCount, 40)
  assert.equal(okr.Org.fromJson(okr.generateJson({ keyResults: 40, objectives: 10, teams: 3, checkIns: 100 })).keyResultCount, 40)
  assert.ok(okr.__benchProgress(big, 3, { asOf: '2026-02-15' }) >= 0)
  assert.equal(okr.documentSchema().type, 'object')
})

test('R6: no score in any report is attached to a person', () => {
  const org = new okr.Org(checkout())
  const walk = (v, where) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${where}[${i}]`))
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      for (const [k, x] of Object.entries(v)) {
        assert.ok(!/person|responsible|keyPartner|author/i.test(k), `${where}.${k}`)
        walk(x, `${where}.${k}`)
      }
    }
  }
  walk(org.scoreAll(), 'scores')
  walk(org.progress({ asOf: '2026-02-15' }).toJSON(), 'progress')
  walk(org.health(org.document().cycles[0].id), 'health')
})

test('ledger: governance, renegotiation, history, replay, round trips', async () => {
  const ana = { person: 'ana', team: 'web' }
  const bo = { person: 'bo', team: 'shop' }
  const ledger = new okr.Ledger()
  const roles = { members: [{ team: 'web', person: 'ana' }, { team: 'shop', person: 'bo' }] }
  const first = ledger.importDocument('2026-01-02T09:00:00Z', ana, base(), undefined, roles)
  assert.equal(first.seq, 0)
  assert.ok(first.at instanceof Date)
  assert.equal(first.prevHash, '0'.repeat(64))
  ledger.proposeSet(new Date('2026-01-03T09:00:00Z'), ana, 'web', 'q1')
  ledger.agree(new Date('2026-01-04T09:00:00Z'), bo, 'web', 'q1')
  assert.equal(ledger.setStatus('web', 'q1'), 'agreed')

  const p = ledger.proposeChange(new Date('2026-02-01T09:00:00Z'), ana, { kind: 'target', keyResult: 'kr1', target: 60 }, 'the payment provider migration slipped')
  assert.equal(p.action.type, 'propose_change')
  assert.equal(p.action.change.keyResult, 'kr1')
  assert.equal(ledger.openProposals().length, 1)
  assert.ok(ledger.proposal(p.id).at instanceof Date)

  const before = ledger.toJsonl()
  assert.throws(() => ledger.accept(new Date('2026-02-01T10:00:00Z'), ana, p.id), (e) => e.code === 'not_allowed' && typeof e.path === 'string')
  assert.equal(ledger.toJsonl(), before)
  ledger.accept(new Date('2026-02-02T09:00:00Z'), bo, p.id)
  ledger.checkIn('2026-02-03T09:00:00Z', ana, 'kr1', 57.5, 7, 'steady')
  ledger.append('2026-02-04T09:00:00Z', ana, { type: 'feedback', team: 'web', cycle: 'q1', keyResult: 'kr1', text: 'thanks' })

  const history = ledger.history('kr1')
  const last = history[history.length - 1]
  assert.equal(last.event, 'renegotiated')
  assert.equal(last.reason, 'the payment provider migration slipped')
  assert.deepEqual(last.proposedBy, ana)
  assert.deepEqual(last.acceptedBy, bo)
  assert.ok(last.at instanceof Date)
  assert.equal(ledger.feedback()[0].keyResult, 'kr1')
  assert.ok(ledger.sets()[0].agreedAt instanceof Date)
  assert.equal(ledger.renegotiationCounts('q1')[0].accepted, 1)

  const january = ledger.replay('2026-01-31T00:00:00Z')
  assert.equal(january.objectives[0].keyResults[0].measure.target, 65)
  assert.equal(ledger.replay().objectives[0].keyResults[0].measure.target, 60)
  assert.equal(ledger.asOf(new Date('2026-01-31T00:00:00Z')).length, 3)
  assert.equal(ledger.org().progress().objectives[0].progress, (57.5 - 50) / (60 - 50))

  const verified = ledger.verify()
  assert.equal(verified.entries, ledger.length)
  assert.equal(verified.head, ledger.head)
  ledger.verifyHead(ledger.head)
  assert.throws(() => ledger.verifyHead('f'.repeat(64)), { code: 'tampered' })
  // Text that is not a head is a parse error naming it, not a tamper alarm.
  for (const bad of [ledger.head.toUpperCase(), ` ${ledger.head}`, 'zz']) {
    assert.throws(() => ledger.verifyHead(bad), { code: 'parse_error', path: 'head' })
  }

  // Storage round trips: JSON Lines, entry objects (with Dates), entry JSON lines.
  const jsonl = ledger.toJsonl()
  assert.equal(okr.Ledger.fromJsonl(jsonl).head, ledger.head)
  assert.equal((await okr.Ledger.fromJsonlAsync(jsonl)).head, ledger.head)
  assert.equal(okr.Ledger.fromEntries(ledger.entries()).head, ledger.head)
  const lines = ledger.entries().map((e) => ledger.entryJson(e.seq))
  assert.deepEqual(lines, jsonl.trim().split('\n'))
  assert.equal(okr.Ledger.fromEntries(lines).head, ledger.head)
  const entries = ledger.entries()
  entries[3].action.change.target = 52
  assert.throws(() => okr.Ledger.fromEntries(entries), (e) => e.code === 'tampered' && e.index === 3)

  // A microsecond time (as Python or a database may append) reads back from
  // the library's own objects and from their JSON (red team 14, finding 10):
  // the Date keeps milliseconds, its toJSON the exact instant.
  ledger.checkIn('2026-02-05T09:00:00.123456Z', ana, 'kr1', 58, 7, 'micro')
  const micro = ledger.entries()
  assert.ok(micro[micro.length - 1].at instanceof Date)
  assert.equal(JSON.parse(ledger.entryJson(micro.length - 1)).at, '2026-02-05T09:00:00.123456Z')
  assert.equal(okr.Ledger.fromEntries(micro).head, ledger.head)
  assert.equal(okr.Ledger.fromEntries(JSON.stringify(micro)).head, ledger.head)
  assert.equal(okr.Ledger.fromEntries(JSON.parse(JSON.stringify(micro))).head, ledger.head)
  // A Date moved since is read as its own time (and the entry is then edited).
  micro[micro.length - 1].at.setTime(micro[micro.length - 1].at.getTime() + 1)
  assert.equal(JSON.stringify(micro[micro.length - 1].at), '"2026-02-05T09:00:00.124Z"')
  assert.throws(() => okr.Ledger.fromEntries(micro), { code: 'tampered' })
})

test('dependencies between teams (R7)', () => {
  const doc = base()
  doc.teams.push({ id: 'pay', name: 'Payments', parent: 'shop' })
  doc.people.push({ id: 'dee', name: 'Dee' })
  const ledger = new okr.Ledger()
  ledger.importDocument('2026-01-02T09:00:00Z', { person: 'ana', team: 'web' }, doc, [], {
    members: [{ team: 'web', person: 'ana' }, { team: 'pay', person: 'dee' }]
  })
  const req = ledger.append('2026-01-05T09:00:00Z', { person: 'ana', team: 'web' }, { type: 'request_dependency', to: 'pay', help: 'a new payment API', objective: 'o1' })
  const waiting = ledger.waitingDependencies('2026-01-15T09:00:00Z')
  assert.equal(waiting[0].dependency, req.id)
  assert.equal(waiting[0].waitingFor, 'answer')
  assert.ok(waiting[0].since instanceof Date)
  assert.equal(waiting[0].ageDays, 10)
  ledger.append('2026-01-06T09:00:00Z', { person: 'dee', team: 'pay' }, { type: 'decline_dependency', dependency: req.id, reason: 'no capacity' })
  assert.equal(ledger.dependencies()[0].status, 'declined')
  assert.equal(ledger.dependencies()[0].declineReason, 'no capacity')
})

test('the ledger queries generated from the core (LedgerQuery): optional arguments, errors at the argument', () => {
  const doc = base()
  doc.teams.push({ id: 'pay', name: 'Payments', parent: 'shop' })
  const ledger = new okr.Ledger()
  ledger.importDocument('2026-01-02T09:00:00Z', { person: 'ana', team: 'web' }, doc, [], {
    members: [{ team: 'web', person: 'ana' }]
  })
  ledger.append('2026-01-05T09:00:00Z', { person: 'ana', team: 'web' }, { type: 'request_dependency', to: 'pay', help: 'an API', objective: 'o1' })
  ledger.append('2026-01-09T09:00:00Z', { person: 'ana', team: 'web' }, { type: 'request_dependency', to: 'pay', help: 'a review', objective: 'o1' })
  const all = ledger.waitingDependencies('2026-01-15')
  assert.deepEqual(all.map((w) => w.ageDays), [10, 6])
  assert.deepEqual(ledger.waitingDependencies('2026-01-15', 7), [all[0]])
  assert.deepEqual(ledger.waitingDependencies(new Date('2026-01-15T23:59:59.999Z'), undefined), all)
  assert.deepEqual(ledger.proposals(true), ledger.openProposals())
  assert.deepEqual(ledger.proposals(false), ledger.proposals())
  assert.deepEqual(ledger.members('web'), ['ana'])
  assert.equal(ledger.setStatus('web', 'q1'), 'draft')
  assert.equal(ledger.proposal('e9'), null)
  const at = (path) => (e) => e instanceof okr.OkrError && e.code === 'parse_error' && e.path === path
  assert.throws(() => ledger.members(5), at('team'))
  assert.throws(() => ledger.setStatus('web', null), at('cycle'))
  assert.throws(() => ledger.waitingDependencies('05/02/2026'), at('asOf'))
  assert.throws(() => ledger.waitingDependencies('2026-01-15', 'old'), at('longerThanDays'))
  assert.throws(() => ledger.proposals('yes'), at('openOnly'))
})

test('progress team filter: only that team, the same numbers; an unknown team is an error', () => {
  const org = okr.Org.fromJson(fs.readFileSync(path.join(EXAMPLES, 'org.json'), 'utf8'))
  const all = org.progress({ asOf: '2026-02-15' }).objectives
  const web = org.progress({ asOf: '2026-02-15', team: 'web' }).objectives
  assert.ok(web.length > 0)
  assert.deepEqual(web, all.filter((o) => o.team === 'web'))
  assert.throws(() => org.progress({ team: 'no-such-team' }), (e) => e.code === 'dangling_reference' && e.path === 'team')
})
