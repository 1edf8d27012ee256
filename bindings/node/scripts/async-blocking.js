'use strict'
// How long an `…Async` call blocks the event loop: the synchronous part of
// `loadAsync(body)` / `lintAsync(body)` (until the Promise is returned) against
// the whole call, for a generated body of N key results (a plain object, as a
// parsed request body is); `classifyManyAsync` of N statements, with a
// setInterval tick counter showing the event loop turning meanwhile; and the
// synchronous part of 1,000 `loadAsync` calls on a small body (the per-call
// cost: the stringify script is compiled once, not per call).
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
  const texts = Array.from({ length: n }, (_, i) => `Raise weekly active users of feature ${i} from 20% to 35%`)
  let ticks = 0
  const timer = setInterval(() => ticks++, 1)
  await measure(`classifyManyAsync(${n} statements)`, () => okr.classifyManyAsync(texts))
  clearInterval(timer)
  console.log(`  setInterval(1 ms) ticks during those 5 calls: ${ticks}`)
  const small = okr.generate({ teams: 1, objectives: 2, keyResults: 4, checkIns: 4 })
  const t0 = performance.now()
  const pending = []
  for (let i = 0; i < 1000; i++) pending.push(okr.loadAsync(small))
  const sync = performance.now() - t0
  await Promise.all(pending)
  console.log(`1000 x loadAsync(small object): ${sync.toFixed(1)} ms on the JS thread`)
}
main()
