'use strict'
// The example HTTP handler (examples/node/http-handler.js), on loopback with an ephemeral port.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { createServer } = require('../../../examples/node/http-handler.js')

const ORG = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'data', 'org.json'))

test('POST a document, get lint findings as JSON', async (t) => {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise((resolve) => server.close(resolve)))
  const base = `http://127.0.0.1:${server.address().port}`
  const post = (body, query = '') => fetch(`${base}/lint${query}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })

  const ok = await post(ORG, '?asOf=2026-03-20')
  assert.equal(ok.status, 200)
  const report = await ok.json()
  assert.equal(report.valid, true)
  assert.ok(report.findings.length > 0)
  assert.ok(report.findings.some((f) => f.code === 'output_key_result' || f.code === 'milestone_key_result'))
  assert.ok(report.findings.every((f) => f.code && f.severity && f.path !== undefined && f.designRule))

  const invalid = JSON.parse(ORG)
  invalid.objectives[0].title = ''
  const r2 = await post(JSON.stringify(invalid))
  assert.equal(r2.status, 200)
  const b2 = await r2.json()
  assert.equal(b2.valid, false)
  assert.ok(b2.findings.some((f) => f.code === 'empty_title' && f.severity === 'error'))

  const r3 = await post('{"objectives": [')
  assert.equal(r3.status, 400)
  assert.equal((await r3.json()).error.code, 'parse_error')

  const r4 = await post('{"schema_version": 1, "cycles": [{"id": "q", "name": "Q", "start": "2026-01-01", "end": "2026-03-31"}], "objectives": [{"id": "o", "title": "t", "team": "x", "cycle": "q", "key_results": [{"id": "k", "title": "t", "measure": {"type": "metric", "baseline": NaN, "target": 1}}]}]}')
  assert.equal(r4.status, 400)
  assert.equal((await r4.json()).error.code, 'parse_error')

  assert.equal((await fetch(`${base}/lint`)).status, 405)
  assert.equal((await fetch(`${base}/nope`, { method: 'POST', body: '{}' })).status, 404)
})
