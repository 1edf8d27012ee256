'use strict'
// Where reading every objective through `toArrow()` spends its time: each piece timed
// alone, interleaved round by round with the native roll-up as in arrow_handover.js
// (the event loop turns between calls, outside the timings).
//
//   cd bindings/node && npm run build -- --features test-hooks
//   node ../../benches/node/arrow_pieces.js --key-results 10000 --repeat 41
//
// Pieces (the organisation as in arrow_handover.js; "held" = one report, or one table of
// it, built before the timings):
//   native                   okr.__benchProgress(org, 1): one Org::progress inside Rust
//   progress, free           org.progress({asOf}).free()
//   progress, columns, free  + report.tableArrowColumns('objectives'): the core's table
//                            and its buffers handed to JS, no apache-arrow
//   progress, toArrow, free  + report.toArrow('objectives') instead: the apache-arrow Table
//   whole reading            + every objective's id and progress read (arrow_handover's line)
//   columns of held report   tableArrowColumns('objectives') alone
//   toArrow of held report   toArrow('objectives') alone
//   read held table          every id and progress read with get(i) (compare.js's readArrow)
//   read held ids / progress the id column alone, the progress column alone
// Each figure is the median over the rounds (after two warm-up rounds) and its ratio to
// the native median of the same rounds.
// The module (OKRKIT_MODULE or the binding) is arrow_handover.js's.
const { parseArgs, readArrow } = require('./compare.js')
const { AS_OF, benchOrg, interleaved } = require('./arrow_handover.js')

/** Column `name` of `t` read with get(i), every row. */
function readColumn(t, name) {
  const c = t.getChild(name)
  const out = new Array(t.numRows)
  for (let i = 0; i < t.numRows; i++) out[i] = c.get(i)
  return out
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const n = args.keyResults
  const rounds = args.repeat ?? 31
  const org = benchOrg(n)
  const held = org.progress({ asOf: AS_OF })
  const table = held.toArrow('objectives')
  const withReport = (f) => () => {
    const report = org.progress({ asOf: AS_OF })
    f(report)
    report.free()
  }
  const pieces = {
    native: null,
    'progress, free': withReport(() => null),
    'progress, columns, free': withReport((r) => r.tableArrowColumns('objectives')),
    'progress, toArrow, free': withReport((r) => r.toArrow('objectives')),
    'whole reading': withReport((r) => readArrow(r.toArrow('objectives'))),
    'columns of held report': () => held.tableArrowColumns('objectives'),
    'toArrow of held report': () => held.toArrow('objectives'),
    'read held table': () => readArrow(table),
    'read held ids': () => readColumn(table, 'objective'),
    'read held progress': () => readColumn(table, 'progress'),
  }
  const med = await interleaved(org, pieces, rounds)
  console.log(`${n} key results, ${table.numRows} objectives; median of ${rounds} interleaved rounds (node ${process.version})`)
  for (const [k, v] of Object.entries(med)) {
    console.log(`${k.padEnd(24)} ${v.toFixed(3).padStart(8)} ms  ${(v / med.native).toFixed(2).padStart(6)}x native`)
  }
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
