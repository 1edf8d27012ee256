// `import` works as well as `require`: named and default imports of the package entry.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import okrDefault, { Org, Ledger, classify, loadAsync, OkrError } from '../index.js'

const require = createRequire(import.meta.url)

test('ESM named and default imports are the CommonJS exports', async () => {
  const cjs = require('../index.js')
  assert.equal(okrDefault.Org, Org)
  assert.equal(cjs.classify, classify)
  assert.equal(classify('Hire 3 engineers').kind, 'output')
  const org = await loadAsync({ teams: [{ id: 't', name: 'T' }] })
  assert.ok(org instanceof Org)
  assert.equal(new Ledger().length, 0)
  assert.throws(() => new Org(new Map()), (e) => e instanceof OkrError && e.code === 'parse_error')
  assert.equal(cjs.OkrError, OkrError)
})

test('the package resolves by name (self-reference through package.json exports)', async () => {
  const mod = await import('okrkit')
  assert.equal(mod.Org, Org)
  assert.equal(require('okrkit').Org, Org)
})

test('an ES module passes its own apache-arrow to toArrow, and its functions read the table', async () => {
  let arrow
  try {
    arrow = await import('apache-arrow')
  } catch {
    return // apache-arrow is an optional peer: nothing to check without it
  }
  const org = Org.fromJson(JSON.stringify({ cycles: [{ id: 'q1', name: 'Q1', start: '2026-01-01', end: '2026-03-31' }], teams: [{ id: 'web', name: 'Web' }],
    objectives: [{ id: 'o1', title: 'Checkout', team: 'web', cycle: 'q1', key_results: [{ id: 'kr1', title: 'Conversion from 50 to 65', measure: { type: 'metric', baseline: 50, target: 65, current: 53 } }] }] }))
  const table = org.progress().toArrow('objectives', { arrow })
  // apache-arrow's ESM functions accept it (a CommonJS-built table they refuse).
  const back = arrow.tableFromIPC(arrow.tableToIPC(table))
  assert.equal(back.numRows, 1)
  assert.equal(back.getChild('objective').get(0), 'o1')
})
