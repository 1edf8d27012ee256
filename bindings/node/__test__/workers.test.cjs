'use strict'
// Issue 9: okrkit hammered from worker threads at once gives the right answers.
const test = require('node:test')
const assert = require('node:assert/strict')
const { Worker } = require('node:worker_threads')
const path = require('node:path')
const okr = require('../index.js')

const WORKERS = 4
const ROUNDS = 25
const options = { seed: 7, teams: 5, objectives: 25, keyResults: 100, checkIns: 1000, cycles: 2 }

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const okr = require(workerData.binding)
;(async () => {
  const text = okr.generateJson(workerData.options)
  const out = []
  for (let i = 0; i < workerData.rounds; i++) {
    const org = i % 2 ? okr.Org.fromJson(text) : await okr.loadAsync(text)
    const report = i % 3 ? org.progress({ asOf: '2026-02-15' }) : await org.progressAsync({ asOf: '2026-02-15' })
    const lint = okr.lint(text, { asOf: '2026-02-15' })
    const kinds = (await okr.classifyManyAsync(['Hire 3 engineers', 'Churn below 2%'])).map((c) => c.kind).join()
    let refused = ''
    try { okr.loadDocument('{') } catch (e) { refused = e.code }
    out.push(JSON.stringify([report.objectives.map((o) => o.progress), lint.errors, lint.warnings, kinds, refused]))
  }
  parentPort.postMessage(out)
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack) }))
`

test('worker threads: concurrent loads, roll-ups, lint, classify and errors agree with the main thread', async () => {
  const text = okr.generateJson(options)
  const org = okr.Org.fromJson(text)
  const lint = okr.lint(text, { asOf: '2026-02-15' })
  const expected = JSON.stringify([
    org.progress({ asOf: '2026-02-15' }).objectives.map((o) => o.progress),
    lint.errors,
    lint.warnings,
    'output,outcome',
    'parse_error',
  ])
  const binding = path.join(__dirname, '..', 'index.js')
  const results = await Promise.all(
    Array.from({ length: WORKERS }, () =>
      new Promise((resolve, reject) => {
        const w = new Worker(workerSource, { eval: true, workerData: { binding, options, rounds: ROUNDS } })
        w.once('message', resolve)
        w.once('error', reject)
        w.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)))
      }),
    ),
  )
  for (const r of results) {
    assert.ok(Array.isArray(r), JSON.stringify(r))
    assert.equal(r.length, ROUNDS)
    for (const one of r) assert.equal(one, expected)
  }
  // The main thread still works after the workers are gone.
  assert.equal(okr.Org.fromJson(text).keyResultCount, 100)
})
