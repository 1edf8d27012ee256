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
