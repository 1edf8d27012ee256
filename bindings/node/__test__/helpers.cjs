'use strict'
// Shared helpers: reading tests/vectors from the repository and comparing with them.
const fs = require('node:fs')
const path = require('node:path')
const assert = require('node:assert/strict')

const VECTORS = path.join(__dirname, '..', '..', '..', 'tests', 'vectors')

/** Every `*.json` vector in a sub-folder, sorted by name, as [name, value]. */
function loadVectors(sub, { required = true } = {}) {
  const dir = path.join(VECTORS, sub)
  if (!fs.existsSync(dir)) {
    if (required) throw new Error(`no folder ${dir}`)
    return []
  }
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  if (required) assert.ok(files.length > 0, `no vectors in ${dir}`)
  return files.map((f) => [path.basename(f, '.json'), JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))])
}

/** `key_results` -> `keyResults` (object keys only; values untouched). */
const camelKey = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())

function camelize(v) {
  if (Array.isArray(v)) return v.map(camelize)
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [camelKey(k), camelize(x)]))
  }
  return v
}

const bits = (x) => {
  const b = new DataView(new ArrayBuffer(8))
  b.setFloat64(0, x)
  return b.getBigUint64(0)
}

/**
 * Every field of `expected` is in `actual` with the same value: numbers equal
 * to the last bit, arrays element by element and of equal length, objects only
 * on the keys `expected` names (as the Rust runner's `assert_subset`).
 */
function assertSubset(expected, actual, where) {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array, got ${JSON.stringify(actual)}`)
    assert.equal(actual.length, expected.length, `${where}: array length differs`)
    expected.forEach((e, i) => assertSubset(e, actual[i], `${where}[${i}]`))
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where}: expected an object`)
    for (const [k, e] of Object.entries(expected)) {
      assert.ok(k in actual, `${where}.${k}: missing in ${JSON.stringify(actual).slice(0, 300)}`)
      assertSubset(e, actual[k], `${where}.${k}`)
    }
  } else if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${where}: expected a number, got ${actual}`)
    assert.equal(bits(actual), bits(expected), `${where}: expected ${expected}, got ${actual}`)
  } else {
    assert.deepEqual(actual, expected, where)
  }
}

/** The codes an error answers to: its own and its problems'. */
const codesOf = (err) => [err.code, ...(err.problems ?? []).map((p) => p.code)]

module.exports = { VECTORS, loadVectors, camelize, camelKey, assertSubset, codesOf }
