'use strict'
// How large `toArrow`'s packed ArrayBuffer should get: the table's buffers, smallest
// first, are copied into it while it stays within the limit, the others handed over as
// they are (an external ArrayBuffer over the core's memory each, with a finalizer).
// `toArrow('objectives')` of a held report at each size, for each limit. Needs the
// test-hooks build, which reads the limit from OKRKIT_NODE_PACK_MAX on each call (the
// package build always uses src/arrow.rs's PACK_MAX, 64 KiB).
//
//   cd bindings/node && npm run build -- --features test-hooks
//   node ../../benches/node/arrow_pack.js --key-results 1000,10000,30000,100000 --repeat 9
//   node ../../benches/node/arrow_pack.js --key-results 10000 --repeat 9 --clock call --fresh
//
// Limits: 0 (every buffer external, as before round seventeen), 4, 16, 64 and 256 KiB,
// and none (every buffer copied). Each limit runs in blocks of calls, the limits' blocks
// alternated; a block's figure is the process's CPU time (user + system, every thread:
// V8's collector and Node's finalizers included, which run on the event loop's turns
// and on helper threads) over its calls, the event loop turning after each call. Each
// figure is the median over the blocks (after one warm-up block per limit), in ms/call.
// With --clock call: each call's own wall time instead (the turn and what it runs are
// left out, as in arrow_handover.js), the median over every call of every block. With
// --fresh: each call computes a report, hands its table over and frees it
// (arrow_handover.js's "toArrow alone, free") instead of using the held report.
const { AS_OF, benchOrg } = require('./arrow_handover.js')

const LIMITS = { 'external (0)': 0, '4 KiB': 4 << 10, '16 KiB': 16 << 10, '64 KiB': 64 << 10, '256 KiB': 256 << 10, 'copy all': Number.MAX_SAFE_INTEGER }

const turn = () => new Promise((resolve) => setImmediate(resolve))
const cpu = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y)
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

async function main() {
  const argv = process.argv.slice(2)
  const arg = (name, d) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : d)
  const sizes = arg('--key-results', '1000,10000,100000').split(',').map(Number)
  const blocks = Number(arg('--repeat', '15'))
  const perCall = arg('--clock', 'cpu') === 'call'
  const fresh = argv.includes('--fresh')
  for (const n of sizes) {
    const org = benchOrg(n)
    const held = org.progress({ asOf: AS_OF })
    const calls = Math.max(10, Math.round(2e6 / n))
    const times = Object.fromEntries(Object.keys(LIMITS).map((k) => [k, []]))
    for (let b = -1; b < blocks; b++) {
      for (const [name, limit] of Object.entries(LIMITS)) {
        process.env.OKRKIT_NODE_PACK_MAX = String(limit)
        const t0 = cpu()
        for (let i = 0; i < calls; i++) {
          const c0 = process.hrtime.bigint()
          if (fresh) {
            const report = org.progress({ asOf: AS_OF })
            report.toArrow('objectives')
            report.free()
          } else held.toArrow('objectives')
          if (perCall && b >= 0) times[name].push(Number(process.hrtime.bigint() - c0) / 1e6)
          await turn()
        }
        if (!perCall && b >= 0) times[name].push((cpu() - t0) / calls)
      }
    }
    delete process.env.OKRKIT_NODE_PACK_MAX
    const { buffers, layout } = held.tableArrowColumns('objectives')
    const sizes = []
    for (let at = 0; at < layout.length; at += 10) for (const k of [1, 4, 7]) if (layout[at + k] >= 0) sizes.push(layout[at + k + 2])
    const kib = (x) => `${(x / 1024).toFixed(1)} KiB`
    console.log(`${n} key results (${held.toArrow('objectives').numRows} objectives): ${sizes.length} buffers of ${kib(Math.min(...sizes))} to ${kib(Math.max(...sizes))}, ${kib(sizes.reduce((x, y) => x + y, 0))} in all, ${buffers.length} ArrayBuffer(s) at the default limit; ${perCall ? 'ms per call, median of every call' : 'CPU ms/call, median'} of ${blocks} blocks of ${calls} calls`)
    for (const [k, v] of Object.entries(times)) console.log(`  ${k.padEnd(14)} ${median(v).toFixed(3).padStart(8)}`)
    held.free()
    org.free()
  }
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
