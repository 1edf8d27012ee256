'use strict'
// How long an `…Async` call blocks the event loop: the synchronous part of
// `loadAsync(body)` / `lintAsync(body)` (until the Promise is returned) against
// the whole call, for a generated body of N key results (a plain object, as a
// parsed request body is).
//
//   node bindings/node/scripts/async-blocking.js [keyResults=10000] [entry=../index.js]
const path = require('node:path')
const n = Number(process.argv[2] ?? 10000)
const okr = require(path.resolve(__dirname, process.argv[3] ?? '../index.js'))

async function measure(name, call) {
  const runs = []
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    const p = call()
    const blocked = performance.now() - t0
    await p
    runs.push([blocked, performance.now() - t0])
  }
  runs.sort((a, b) => a[1] - b[1])
  const [blocked, total] = runs[2]
  console.log(`${name}: blocks the event loop ${blocked.toFixed(1)} ms of ${total.toFixed(1)} ms (median of 5)`)
}

async function main() {
  const body = okr.generate({ teams: Math.max(1, Math.round(n / 100)), objectives: Math.ceil(n / 4), keyResults: n, checkIns: n })
  const krs = body.objectives.reduce((s, o) => s + o.keyResults.length, 0)
  console.log(`body: ${krs} key results, ${JSON.stringify(body).length} bytes as JSON`)
  await measure('loadAsync(object)', () => okr.loadAsync(body))
  await measure('lintAsync(object)', () => okr.lintAsync(body))
}
main()
