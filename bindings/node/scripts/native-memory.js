'use strict'
// Native memory seen by V8: builds `count` orgs of `keyResults` key results
// one after another, dropping each (`drop`) or calling `free()` (`free`), with
// an event-loop turn between (napi finalizers run there), and prints the peak
// RSS growth. Without external-memory reporting the garbage collector does
// not see the native megabytes behind each small handle.
//
//   node bindings/node/scripts/native-memory.js [drop|free] [count=100] [keyResults=10000]
const path = require('node:path')
const okr = require(path.resolve(__dirname, '../index.js'))
const mode = process.argv[2] ?? 'drop'
const count = Number(process.argv[3] ?? 100)
const n = Number(process.argv[4] ?? 10000)
const text = okr.generateJson({ teams: Math.max(1, Math.round(n / 100)), objectives: Math.ceil(n / 4), keyResults: n, checkIns: n })

async function main() {
  const start = process.memoryUsage().rss
  let peak = 0
  let reported = 0
  for (let i = 0; i < count; i++) {
    const org = okr.Org.fromJson(text)
    reported = org.externalMemory
    if (mode === 'free') org.free()
    peak = Math.max(peak, process.memoryUsage().rss - start)
    await new Promise((resolve) => setImmediate(resolve))
  }
  const mb = (x) => (x / 1048576).toFixed(0) + ' MB'
  console.log(`${count} orgs of ${n} key results (${mb(text.length)} of JSON, ${mb(reported)} reported each), ${mode}: peak RSS +${mb(peak)}`)
}
main()
