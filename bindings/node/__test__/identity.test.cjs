'use strict'
// Identities and roles (issue 14) through Node: each attack is refused with its
// code and the ledger is unchanged byte for byte. The rule-level attacks also
// run from the shared vector tests/vectors/ledger/identity_attacks.json.
const test = require('node:test')
const assert = require('node:assert/strict')
const okr = require('../index.js')

const ANA = { person: 'ana', team: 'web' }
const BO = { person: 'bo', team: 'shop' }
const ADM = { person: 'adm', team: 'shop' }
const ROLES = { members: [{ team: 'web', person: 'ana' }, { team: 'shop', person: 'bo' }] }

const doc = () => ({
  schema_version: 1,
  cycles: [{ id: 'q1', name: 'Q1', start: '2026-01-01', end: '2026-03-31' }],
  teams: [{ id: 'shop', name: 'Shop' }, { id: 'web', name: 'Web', parent: 'shop' }, { id: 'pay', name: 'Payments', parent: 'shop' }],
  people: [{ id: 'ana', name: 'Ana' }, { id: 'bo', name: 'Bo' }, { id: 'adm', name: 'Admin' }],
  objectives: [{ id: 'o1', title: 'World-class checkout', team: 'web', cycle: 'q1',
    key_results: [{ id: 'kr1', title: 'Checkout conversion > 65%', measure: { type: 'metric', baseline: 50, target: 65 } }] }],
})

function withProposal() {
  const ledger = new okr.Ledger()
  ledger.importDocument('2026-01-02T09:00:00Z', ADM, doc(), [{ team: 'web', cycle: 'q1', agreedBy: 'bo' }], ROLES)
  const p = ledger.proposeChange('2026-02-01T09:00:00Z', ANA, { kind: 'target', keyResult: 'kr1', target: 60 }, 'slipped')
  return [ledger, p.id]
}

function refused(ledger, code, act) {
  const before = ledger.toJsonl()
  assert.throws(act, (e) => e instanceof Error && e.code === code)
  assert.equal(ledger.toJsonl(), before)
}

test('a panic inside an append (a bug) leaves the ledger as it was, and the ledger goes on', { skip: !okr.__injectAppendPanicsForTests && 'needs the test-hooks build' }, () => {
  for (const panics of [1, 2]) { // 2: the append's own recovery panics too
    const [ledger] = withProposal()
    const before = [ledger.toJsonl(), JSON.stringify(ledger.document()), ledger.length, ledger.head]
    okr.__injectAppendPanicsForTests(panics)
    const checkIn = { type: 'check_in', keyResult: 'kr1', value: 55 }
    assert.throws(() => ledger.append('2026-02-02T09:00:00Z', ANA, checkIn), (e) => e.code === 'internal_error' && /injected/.test(e.message))
    // After a double fault too, the call puts the state back before it
    // returns: no read sees the failed entry's change.
    assert.deepEqual([ledger.toJsonl(), JSON.stringify(ledger.document()), ledger.length, ledger.head], before)
    // The next append goes on from the recorded entries.
    ledger.append('2026-02-03T09:00:00Z', ANA, { ...checkIn, value: 56 })
    assert.deepEqual(ledger.document().checkIns.map((c) => c.value), [56])
    assert.equal(okr.Ledger.fromJsonl(ledger.toJsonl()).head, ledger.head)
  }
})

test('look-alike people and admin actions are refused', () => {
  const [ledger] = withProposal()
  const at = '2026-02-02T09:00:00Z'
  refused(ledger, 'not_allowed', () => ledger.append(at, ANA, { type: 'add_person', person: { id: 'ana2', name: 'A' } }))
  refused(ledger, 'not_allowed', () => ledger.append(at, ANA, { type: 'add_member', team: 'shop', person: 'ana' }))
  for (const id of ['Ana', '\u0430na', 'ana ', 'a\u200bna', 'jose\u0301']) {
    refused(ledger, 'invalid_change', () => ledger.append(at, ADM, { type: 'add_person', person: { id, name: 'x' } }))
  }
})

test('only a member of the other side accepts; no far-future entry', () => {
  const [ledger, p] = withProposal()
  const at = '2026-02-02T09:00:00Z'
  const accept = { type: 'accept', proposal: p }
  refused(ledger, 'not_allowed', () => ledger.append(at, ANA, accept))
  refused(ledger, 'not_allowed', () => ledger.append(at, { person: 'ana', team: 'shop' }, accept))
  refused(ledger, 'not_allowed', () => ledger.append(at, ADM, accept))
  refused(ledger, 'bad_time', () => ledger.append('9999-12-31T23:59:59Z', BO, accept))
  refused(ledger, 'bad_time', () => ledger.append('2026-02-02T09:10:00Z', BO, accept, '2026-02-02T09:00:00Z'))
  ledger.append(at, BO, accept)
  assert.deepEqual(ledger.admins(), ['adm'])
  assert.deepEqual(ledger.members('shop'), ['bo'])
})

test('the owner never names its approver; an agreement names who agreed', () => {
  const ledger = new okr.Ledger()
  refused(ledger, 'invalid_change', () => ledger.importDocument('2026-01-02T09:00:00Z', ADM, doc(), [{ team: 'web', cycle: 'q1' }], ROLES))
  ledger.importDocument('2026-01-02T09:00:00Z', ADM, doc(), [], ROLES)
  refused(ledger, 'not_allowed', () => ledger.proposeSet('2026-01-03T09:00:00Z', ANA, 'web', 'q1', 'pay'))
  refused(ledger, 'not_allowed', () => ledger.append('2026-01-03T09:00:00Z', ADM, { type: 'assign_approver', team: 'web', cycle: 'q1', approver: 'web' }))
})

test('-0 written by JSON.stringify and read back still verifies', () => {
  const [ledger] = withProposal()
  ledger.checkIn('2026-02-03T09:00:00Z', ANA, 'kr1', -0)
  assert.ok(!ledger.toJsonl().includes('-0.0'))
  // A JavaScript store: JSON.parse then JSON.stringify (65.0 -> 65, -0 -> 0).
  const lines = ledger.toJsonl().trim().split('\n').map((l) => JSON.stringify(JSON.parse(l)))
  assert.equal(okr.Ledger.fromEntries(lines).head, ledger.head)
})

test('signed mode: a forged or unsigned agreement is bad_signature', () => {
  const keys = { ana: new Uint8Array(32).fill(1), bo: new Uint8Array(32).fill(2), adm: new Uint8Array(32).fill(3) }
  const roles = { ...ROLES, signed: true, keys: Object.entries(keys).map(([person, k]) => ({ person, publicKey: okr.publicKeyHex(k) })) }
  const now = '2026-03-01T00:00:00Z'
  const ledger = new okr.Ledger()
  const imp = { type: 'import', document: doc(), roles }
  refused(ledger, 'bad_signature', () => ledger.append('2026-01-02T09:00:00Z', ADM, imp, now))
  ledger.appendSigned('2026-01-02T09:00:00Z', ADM, imp, keys.adm, now)
  assert.equal(ledger.isSigned, true)
  ledger.appendSigned('2026-01-03T09:00:00Z', ANA, { type: 'propose_set', team: 'web', cycle: 'q1' }, keys.ana, now)
  const agree = { type: 'agree', team: 'web', cycle: 'q1' }
  refused(ledger, 'bad_signature', () => ledger.appendSigned('2026-01-04T09:00:00Z', BO, agree, keys.adm, now))
  refused(ledger, 'bad_signature', () => ledger.append('2026-01-04T09:00:00Z', BO, agree, now))
  const signed = ledger.appendSigned('2026-01-04T09:00:00Z', BO, agree, keys.bo, now)
  assert.equal(signed.sig.length, 128)
  assert.equal(okr.Ledger.fromJsonl(ledger.toJsonl()).head, ledger.head)
})

test('ledger.lint() reports a key an admin enrolled for someone who had one', () => {
  const keys = { ana: new Uint8Array(32).fill(1), bo: new Uint8Array(32).fill(2), adm: new Uint8Array(32).fill(3) }
  const roles = { ...ROLES, signed: true, keys: Object.entries(keys).map(([person, k]) => ({ person, publicKey: okr.publicKeyHex(k) })) }
  const now = '2026-03-01T00:00:00Z'
  const ledger = new okr.Ledger()
  ledger.appendSigned('2026-01-02T09:00:00Z', ADM, { type: 'import', document: doc(), roles }, keys.adm, now)
  const replaced = () => ledger.lint().findings.filter((f) => f.code === 'key_replaced_by_admin')
  assert.deepEqual(replaced(), [])
  ledger.appendSigned('2026-01-03T09:00:00Z', ADM, { type: 'revoke_key', person: 'bo' }, keys.adm, now)
  const adminsOwn = new Uint8Array(32).fill(9)
  ledger.appendSigned('2026-01-03T09:00:00Z', ADM, { type: 'enroll_key', person: 'bo', publicKey: okr.publicKeyHex(adminsOwn) }, keys.adm, now)
  const found = replaced()
  assert.equal(found.length, 1)
  assert.equal(found[0].path, 'entries[2]')
  assert.equal(found[0].severity, 'warning')
  assert.deepEqual(ledger.lint({ rules: { key_replaced_by_admin: 'off' } }).findings.filter((f) => f.code === 'key_replaced_by_admin'), [])
})
