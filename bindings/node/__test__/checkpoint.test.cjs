'use strict'
// Signed checkpoints and proofs (issue 13) on the shared vectors in
// tests/vectors/ledger/proof/: the same bytes and the same errors as Rust.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const okr = require('../index.js')

const DIR = path.join(__dirname, '..', '..', '..', 'tests', 'vectors', 'ledger', 'proof')
const vector = (name) => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'))

test('Go signed-note key vectors', () => {
  const v = vector('signed_note_go.json')
  const key = okr.SigningKey.parse(v.signing_key)
  assert.equal(key.verifierKey, v.verifier_key)
  assert.equal(key.name, 'PeterNeumann')
  assert.equal(key.keyId, 0xc74f20a3)
  for (const bad of v.bad_verifier_keys) {
    assert.throws(() => okr.verifyInclusionProof('{}', v.signed, [bad]), (e) => e.code === 'parse_error')
  }
})

test('shared okrkit checkpoint vector: bytes, proofs and errors', () => {
  const v = vector('okrkit_checkpoint.json')
  const ledger = okr.Ledger.fromJsonl(v.ledger_jsonl)
  const key = okr.SigningKey.parse(v.signing_key)
  assert.equal(key.secretText(), v.signing_key)
  const note = okr.signCheckpoint(ledger, v.origin, key)
  assert.equal(note, v.checkpoint)
  const ok = okr.verifyCheckpoint(ledger, note, [v.verifier_key], v.origin)
  assert.equal(ok.checkpointSize, ledger.length)
  assert.equal(ok.ledgerSize, ledger.length)
  const proof = okr.inclusionProof(ledger, v.origin, v.inclusion.index)
  assert.deepEqual(JSON.parse(proof), v.inclusion)
  okr.verifyInclusionProof(proof, note, [v.verifier_key])
  const c = v.consistency
  assert.deepEqual(JSON.parse(okr.consistencyProof(ledger, v.origin, c.old_size, c.new_size)), c)
  const lines = v.ledger_jsonl.split(/(?<=\n)/)
  for (const k of v.errors) {
    const keep = k.ledger_entries ?? lines.length
    const short = okr.Ledger.fromJsonl(lines.slice(0, keep).join(''))
    assert.throws(
      () =>
        okr.verifyCheckpoint(short, k.checkpoint ?? note, [k.trust ?? v.verifier_key], k.origin ?? v.origin, k.min_signatures),
      (e) => {
        assert.equal(e.code, k.expect, k.case)
        if (k.expect === 'truncation') assert.equal(e.entry, keep)
        return true
      },
    )
  }
  for (const k of v.forged_inclusion) {
    const forged = JSON.stringify({ ...v.inclusion, ...k.set })
    assert.throws(
      () => okr.verifyInclusionProof(forged, note, [v.verifier_key]),
      (e) => e.code === k.expect,
      k.case,
    )
  }
})

test('extension, cosigning, consistency and a lying proof', () => {
  const v = vector('okrkit_checkpoint.json')
  const lines = v.ledger_jsonl.split(/(?<=\n)/)
  const full = okr.Ledger.fromJsonl(v.ledger_jsonl)
  const prefix = okr.Ledger.fromJsonl(lines.slice(0, 3).join(''))
  const host = okr.SigningKey.parse(v.signing_key)
  const witness = okr.SigningKey.generate('witness.example')
  assert.notEqual(witness.verifierKey, okr.SigningKey.generate('witness.example').verifierKey)
  const old = okr.cosignCheckpoint(okr.signCheckpoint(prefix, v.origin, host), witness)
  // `keys` as in Python and Kotlin/Swift: an array signs with each key, in order.
  assert.equal(okr.signCheckpoint(prefix, v.origin, [host, witness]), old)
  assert.equal(okr.signCheckpoint(prefix, v.origin, [host]), okr.signCheckpoint(prefix, v.origin, host))
  assert.throws(() => okr.signCheckpoint(prefix, v.origin, [host, 'x']), (e) => e.code === 'parse_error' && e.path === 'keys[1]')
  // A getter that throws is the caller's error, quoted at its item; a hole is undefined.
  const hostile = [host]
  Object.defineProperty(hostile, 1, { get() { throw new Error('boom') }, enumerable: true })
  assert.throws(() => okr.signCheckpoint(prefix, v.origin, hostile), (e) => e.code === 'parse_error' && e.path === 'keys[1]' && /boom/.test(e.message))
  assert.throws(() => okr.signCheckpoint(prefix, v.origin, [host, , host]), (e) => e.code === 'parse_error' && e.path === 'keys[1]' && /undefined/.test(e.message))
  assert.throws(() => okr.signCheckpoint(prefix, v.origin, []), (e) => e.code === 'invalid_value' && e.path === 'keys')
  const ok = okr.verifyCheckpoint(full, old, [v.verifier_key, witness.verifierKey], v.origin, 2)
  assert.deepEqual([ok.checkpointSize, ok.ledgerSize], [3, 6])
  const next = okr.signCheckpoint(full, v.origin, host)
  const proof = okr.consistencyProof(full, v.origin, 3, 6)
  okr.verifyConsistencyProof(proof, old, next, [v.verifier_key])
  assert.throws(() => okr.verifyConsistencyProof(proof, next, old, [v.verifier_key]), (e) => e.code === 'truncation')
  const lied = JSON.parse(okr.inclusionProof(full, v.origin, 2))
  lied.index = 3
  assert.throws(
    () => okr.verifyInclusionProof(JSON.stringify(lied), next, [v.verifier_key]),
    (e) => e.code === 'bad_proof' && e.entry === 3,
  )
  // A size or index that is not a whole number from 0 is refused at the
  // argument, not truncated, wrapped or read as 0 by napi's conversion.
  for (const bad of [-1, 0.5, NaN, Infinity, 2 ** 60]) {
    assert.throws(() => okr.inclusionProof(full, v.origin, bad), (e) => e.code === 'parse_error' && e.path === 'index', String(bad))
    assert.throws(() => okr.consistencyProof(full, v.origin, bad, 6), (e) => e.code === 'parse_error' && e.path === 'oldSize', String(bad))
  }
  assert.throws(() => okr.inclusionProof(full, v.origin, 2, NaN), (e) => e.code === 'parse_error' && e.path === 'size')
  assert.throws(() => okr.inclusionProof(full, v.origin, 99), (e) => e.code === 'invalid_value')
  assert.match(okr.defaultOrigin(full), /^okrkit\.ledger\//)
})
