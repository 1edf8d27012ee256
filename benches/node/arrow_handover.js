'use strict'
// Reading every objective (its id and progress) through Arrow, against the native
// roll-up, with the variants interleaved: each round runs every variant once, in turn,
// so a burst of load from other processes falls on all of them alike (compare.js times
// each variant in its own stretch, and on a shared machine its ratios move with the
// load). Issue 18's target: within 2x of the native roll-up.
//
//   cd bindings/node && npm run build -- --features test-hooks
//   node ../../benches/node/arrow_handover.js --key-results 100000 --repeat 15
//   node ../../benches/node/arrow_handover.js --key-results 10000 --json   # one JSON line
//
// Variants (the organisation as in compare.js: seed 42, 1 team : 5 objectives : 20 key
// results : 200 check-ins, as of 2026-02-15; loaded once, outside the timings):
//   native            okr.__benchProgress(org, 1): one Org::progress inside Rust (test hook)
//   progress, free    org.progress({asOf}).free(): the roll-up from Node
//   via IPC, free     the report, tableFromIPC(report.tableArrow('objectives')), every
//                     objective's id and progress read with get(i), then report.free()
//   via toArrow, free the same with report.toArrow('objectives'): the core's buffers
//   toArrow alone     the report, toArrow('objectives'), free(): no reading
// Each figure is the median over the rounds (after two warm-up rounds); each ratio is to
// the native median of the same rounds. Between two timed calls the event loop turns
// (outside the timings), as it does between an application's requests: Node frees an
// external buffer in a finalizer run on a turn, so without it every call would get
// fresh pages while the earlier tables' memory waited.
const path = require('node:path')
const okr = require(process.env.OKRKIT_MODULE || path.join(__dirname, '..', '..', 'bindings', 'node', 'index.js'))
const { tableFromIPC } = require(require.resolve('apache-arrow', { paths: [path.join(__dirname, '..', '..', 'bindings', 'node')] }))

// The arguments (--key-results N, --repeat R: the rounds, --json) and the reading of each
// objective's id and progress are compare.js's.
const { parseArgs, readArrow: read } = require('./compare.js')

const AS_OF = '2026-02-15'

/** The benchmark's organisation of `n` key results (as compare.js's), loaded. */
function benchOrg(n) {
  return okr.Org.fromJson(okr.generateJson({
    seed: 42, teams: Math.max(1, Math.round(n / 20)), objectives: Math.max(1, Math.round(n / 4)),
    keyResults: n, checkIns: n * 10, cycles: 2,
  }))
}

/**
 * The median time (ms) of each variant over `rounds` interleaved rounds, after two
 * warm-up rounds; a variant of `null` is the native roll-up of `org`. The event loop
 * turns after each call, outside the timings.
 */
async function interleaved(org, variants, rounds) {
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]))
  for (let round = -2; round < rounds; round++) {
    for (const [name, f] of Object.entries(variants)) {
      let ms
      if (f === null) ms = okr.__benchProgress(org, 1, { asOf: AS_OF })
      else {
        const t0 = process.hrtime.bigint()
        f()
        ms = Number(process.hrtime.bigint() - t0) / 1e6
      }
      if (round >= 0) times[name].push(ms)
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((x, y) => x - y)
    return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]))
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const { keyResults: n, json } = args
  const rounds = args.repeat ?? 15
  const org = benchOrg(n)
  const withReport = (f) => () => {
    const report = org.progress({ asOf: AS_OF })
    const out = f(report)
    report.free()
    return out
  }
  const variants = {
    native: null,
    'progress, free': withReport(() => null),
    'via IPC, free': withReport((r) => read(tableFromIPC(r.tableArrow('objectives')))),
    'via toArrow, free': withReport((r) => read(r.toArrow('objectives'))),
    'toArrow alone, free': withReport((r) => r.toArrow('objectives')),
  }
  // The same objectives, to the bit, both ways.
  const a = variants['via IPC, free']()
  const b = variants['via toArrow, free']()
  const same = a.ids.length === b.ids.length && a.ids.every((id, i) => id === b.ids[i] && Object.is(a.progress[i], b.progress[i]))
  if (!same) throw new Error('toArrow and the IPC stream differ')

  const med = await interleaved(org, variants, rounds)
  const objectives = a.ids.length
  if (json) {
    console.log(JSON.stringify({ key_results: n, objectives, rounds, node: process.version, times_ms: med, ratios: Object.fromEntries(Object.entries(med).map(([k, v]) => [k, v / med.native])) }))
    return
  }
  console.log(`${n} key results, ${objectives} objectives; median of ${rounds} interleaved rounds (node ${process.version})`)
  for (const [k, v] of Object.entries(med)) console.log(`${k.padEnd(22)} ${v.toFixed(2).padStart(8)} ms  ${(v / med.native).toFixed(2).padStart(6)}x native`)
}

module.exports = { AS_OF, benchOrg, interleaved }

if (require.main === module) {
  main().catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
}
