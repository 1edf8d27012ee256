'use strict'
// okrkit's Node API vs the same progress roll-up written in plain JavaScript, and
// vs the native Rust roll-up — on one generated organisation.
//
//   cd bindings/node && npm run build && npm run bench
//   node benches/node/compare.js --key-results 200000 --repeat 5   # the criterion size
//   node benches/node/compare.js --key-results 10000 --repeat 3 --json  # one JSON line (scripts/bench.sh)
//
// What is measured (median wall time of --repeat runs after warm-up; without --repeat,
// as many runs as fit in ~1.5 s; the document is loaded and indexed once, outside the
// timings, in every variant):
//   rust (native)        okr.__benchProgress(org, n): Org::progress run n times inside Rust,
//                        no JS in the loop (the same work as `cargo bench --bench core`).
//   okrkit progress()    org.progress({asOf}): the roll-up, returning a ProgressReport
//                        handle (the report stays in Rust; nothing converted yet).
//   ... + objectives     org.progress({asOf}).objectives: plus every objective, with its
//                        key results and aligned objectives, as JS objects.
//   ... + toJSON()       org.progress({asOf}).toJSON(): the whole report as JS objects
//                        (what progress() returned before it returned a handle).
//   ... + objective(id)  the handle plus one objective looked up and converted.
//   ... + table('objectives')  org.progress({asOf}).table('objectives'): the flat
//                        objectives table as JS rows, then every objective's id and progress
//                        read from them (the same reading as the Arrow row below).
//   ... + objectives via Arrow  org.progress({asOf}).tableArrow('objectives') read by
//                        apache-arrow's tableFromIPC, then every objective's id and progress
//                        read from the columns (issue 18's target: within 2x of native;
//                        skipped when apache-arrow, a dev dependency, is not installed).
//   ... + objectives via toArrow()  the same reading from report.toArrow('objectives'):
//                        an apache-arrow Table over the core's own Arrow buffers, with no
//                        IPC stream written or read; "(no read)" is that hand-over alone,
//                        and "apache-arrow reads ... (alone)" the reading alone, of one
//                        table built outside the timing.
//   ... + free()         org.progress({asOf}).free(): the report's rows dropped at once
//                        rather than when V8 finalizes the handle (the allocator reuses
//                        their pages); "... objectives via Arrow, then free()" likewise.
//   okrkit progressAsync()  await org.progressAsync({asOf}): the roll-up on the libuv pool.
//   ... keyResults: false   org.progress({asOf, keyResults: false}).objectives: the
//                        objectives without their key-result detail.
//   plain JavaScript     rollup() below: the same roll-up (same rules, same report shape,
//                        every object built) written by hand over the parsed JSON
//                        document, with check-ins indexed once like okrkit's Org.
// The plain-JS numbers are checked equal, to the last bit, to okrkit's.
const path = require('node:path')
const okr = require(process.env.OKRKIT_MODULE || path.join(__dirname, '..', '..', 'bindings', 'node', 'index.js'))
// apache-arrow, the binding's dev dependency (bindings/node/node_modules); without it
// only the Arrow row is skipped.
let tableFromIPC = null
try {
  ;({ tableFromIPC } = require(require.resolve('apache-arrow', { paths: [path.join(__dirname, '..', '..', 'bindings', 'node')] })))
} catch {
  console.error('apache-arrow not installed: the Arrow row is skipped')
}

/** Every objective's id and progress, read from the report's plain objectives table. */
function objectivesViaTable(report) {
  const rows = report.table('objectives').rows
  const out = { ids: new Array(rows.length), progress: new Float64Array(rows.length) }
  for (let i = 0; i < rows.length; i++) {
    out.ids[i] = rows[i].objective
    const p = rows[i].progress
    out.progress[i] = p === null ? NaN : p
  }
  return out
}

/** Every objective's id and progress, read from an apache-arrow objectives table. */
function readArrow(t) {
  const ids = t.getChild('objective')
  const progress = t.getChild('progress')
  const out = { ids: new Array(t.numRows), progress: new Float64Array(t.numRows) }
  for (let i = 0; i < t.numRows; i++) {
    out.ids[i] = ids.get(i)
    const p = progress.get(i)
    out.progress[i] = p === null ? NaN : p
  }
  return out
}

/** Every objective's id and progress, from the IPC stream of `tableArrow` read by `tableFromIPC`. */
const objectivesViaArrow = (report) => readArrow(tableFromIPC(report.tableArrow('objectives')))

/** Every objective's id and progress, from `toArrow`: the core's buffers, no IPC stream. */
const objectivesViaToArrow = (report) => readArrow(report.toArrow('objectives'))

function parseArgs(argv) {
  const args = { keyResults: Number(process.env.OKRKIT_BENCH_KEY_RESULTS || 50_000), repeat: null, json: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => {
      const v = Number(argv[++i])
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} needs a positive integer`)
      return v
    }
    if (a === '--key-results') args.keyResults = value()
    else if (a === '--repeat') args.repeat = value()
    else if (a === '--json') args.json = true
    else throw new Error(`unknown argument ${a} (--key-results N, --repeat R, --json)`)
  }
  return args
}
const AS_OF = '2026-02-15'
const MS_PER_DAY = 86_400_000

// ------------------------------------------------------------------ plain JavaScript

function indexDocument(doc) {
  const cycles = new Map(doc.cycles.map((c, i) => [c.id, i]))
  const teams = new Map(doc.teams.map((t, i) => [t.id, i]))
  const byKr = new Map()
  for (const c of doc.check_ins) {
    let list = byKr.get(c.key_result)
    if (!list) byKr.set(c.key_result, (list = { at: [], value: [] }))
    list.at.push(Date.parse(c.at))
    list.value.push(c.value)
  }
  for (const list of byKr.values()) {
    const order = list.at.map((_, i) => i).sort((a, b) => list.at[a] - list.at[b] || a - b)
    list.at = order.map((i) => list.at[i])
    list.value = order.map((i) => list.value[i])
  }
  const children = new Map()
  for (const o of doc.objectives) {
    if (o.aligned_to) {
      if (!children.has(o.aligned_to.objective)) children.set(o.aligned_to.objective, [])
      children.get(o.aligned_to.objective).push(o)
    }
  }
  return { doc, cycles, teams, byKr, children }
}

function lastBefore(list, cutoff) {
  let lo = 0
  let hi = list.at.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list.at[mid] < cutoff) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? undefined : list.value[lo - 1]
}

function expected(cycle, asOf) {
  const start = Date.parse(cycle.start)
  const days = (Date.parse(cycle.end) - start) / MS_PER_DAY + 1
  if (days <= 0) return Date.parse(asOf) >= Date.parse(cycle.end) ? 1 : 0
  const elapsed = (Date.parse(asOf) - start) / MS_PER_DAY + 1
  return Math.min(1, Math.max(0, elapsed / days))
}

function pace(p, e) {
  const delta = p - e
  return { expected: e, delta, status: delta > 0.1 ? 'ahead' : delta < -0.1 ? 'behind' : 'on_track' }
}

function rollup(ix, asOf, detail = true) {
  const { doc, byKr } = ix
  const cutoff = Date.parse(asOf) + MS_PER_DAY
  const nTeams = doc.teams.length
  const teamAcc = new Array(doc.cycles.length * nTeams).fill(null).map(() => ({ sum: 0, n: 0, all: 0 }))
  const cycleAcc = doc.cycles.map(() => ({ sum: 0, n: 0, all: 0 }))
  const progressOf = new Map()
  const objectives = []
  for (const o of doc.objectives) {
    const ci = ix.cycles.get(o.cycle)
    const krs = []
    let sum = 0
    let weights = 0
    let counted = 0
    for (const kr of o.key_results ?? []) {
      const m = kr.measure
      const list = byKr.get(kr.id)
      const own = m.type === 'milestone' ? (m.done ? 1 : 0) : m.current
      let value = list ? lastBefore(list, cutoff) : undefined
      let source = 'check_in'
      if (value === undefined) {
        if (!list && own !== undefined) [value, source] = [own, 'current']
        else if (m.type === 'metric') [value, source] = [m.baseline, 'baseline']
        else if (m.type === 'milestone') [value, source] = [0, 'baseline']
        else [value, source] = [null, 'none']
      }
      let attainment = null
      if (value !== null) {
        if (m.type === 'metric') attainment = (value - m.baseline) / (m.target - m.baseline) + 0
        else if (m.type === 'threshold') attainment = (m.direction === 'at_least' ? value >= m.bound : value <= m.bound) ? 1 : 0
        else attainment = value >= 1 ? 1 : 0
      }
      const leftOut = m.type === 'milestone' ? 'milestone' : attainment === null ? 'no_value' : null
      const progress = attainment === null ? null : Math.min(1, Math.max(0, attainment))
      const weight = kr.weight ?? 1
      if (leftOut === null) {
        sum += weight * progress
        weights += weight
        counted++
      }
      if (detail) krs.push({ keyResult: kr.id, measure: m.type, weight, value, valueSource: source, attainment, progress, counted: leftOut === null, leftOut })
    }
    const progress = counted > 0 && weights > 0 ? sum / weights : null
    progressOf.set(o.id, progress)
    for (const acc of [teamAcc[ci * nTeams + ix.teams.get(o.team)], cycleAcc[ci]]) {
      acc.all++
      if (progress !== null) {
        acc.sum += progress
        acc.n++
      }
    }
    objectives.push({
      objective: o.id, team: o.team, cycle: o.cycle, type: o.type ?? 'committed', progress,
      pace: progress === null ? null : pace(progress, expected(doc.cycles[ci], asOf)),
      counted, leftOut: (o.key_results ?? []).length - counted, milestonesCounted: false, keyResults: krs, aligned: [],
    })
  }
  for (const p of objectives) {
    p.aligned = (ix.children.get(p.objective) ?? []).map((c) => ({ objective: c.id, team: c.team, progress: progressOf.get(c.id) }))
  }
  const mean = (a) => (a.n > 0 ? a.sum / a.n : null)
  const teams = []
  const cycles = []
  doc.cycles.forEach((c, ci) => {
    if (cycleAcc[ci].all === 0) return
    const m = mean(cycleAcc[ci])
    cycles.push({ cycle: c.id, progress: m, pace: m === null ? null : pace(m, expected(c, asOf)), objectives: cycleAcc[ci].all, objectivesWithoutProgress: cycleAcc[ci].all - cycleAcc[ci].n })
    doc.teams.forEach((t, ti) => {
      const a = teamAcc[ci * nTeams + ti]
      if (a.all === 0) return
      const tm = mean(a)
      teams.push({ team: t.id, cycle: c.id, progress: tm, pace: tm === null ? null : pace(tm, expected(c, asOf)), objectives: a.all, objectivesWithoutProgress: a.all - a.n })
    })
  })
  return { asOf, milestones: 'leave_out', objectives, teams, cycles }
}

// ------------------------------------------------------------------ timing

const median = (times) => {
  const t = [...times].sort((a, b) => a - b)
  const m = t.length >> 1
  return t.length % 2 ? t[m] : (t[m - 1] + t[m]) / 2
}

/** Median milliseconds of one call: `repeat` runs after a warm-up, or as many as fit in `minMs`. */
async function time(fn, repeat, minMs = 1500, maxRuns = 200) {
  const warm = repeat ? 1 : 3
  for (let i = 0; i < warm; i++) await fn()
  const times = []
  const start = performance.now()
  while (repeat ? times.length < repeat : (performance.now() - start < minMs || times.length < 5) && times.length < maxRuns) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  return median(times)
}

const bits = (x) => {
  const b = new DataView(new ArrayBuffer(8))
  b.setFloat64(0, x ?? NaN)
  return b.getBigUint64(0)
}

async function main(argv = process.argv.slice(2)) {
  const { keyResults: KEY_RESULTS, repeat, json } = parseArgs(argv)
  const opts = {
    seed: 42, teams: Math.max(1, Math.round(KEY_RESULTS / 20)), objectives: Math.max(1, Math.round(KEY_RESULTS / 4)),
    keyResults: KEY_RESULTS, checkIns: KEY_RESULTS * 10, cycles: 2,
  }
  const text = okr.generateJson(opts)
  const org = okr.Org.fromJson(text)
  const ix = indexDocument(JSON.parse(text))

  // Same answers, to the last bit, before timing anything: the whole report's JSON
  // (up to 100,000 key results; beyond, V8's string limit is near) or every
  // objective's progress.
  const report = org.progress({ asOf: AS_OF })
  const b = rollup(ix, AS_OF)
  let same
  if (KEY_RESULTS <= 100_000) {
    same = JSON.stringify(report) === JSON.stringify(b) &&
      JSON.stringify(org.progress({ asOf: AS_OF, keyResults: false })) === JSON.stringify(rollup(ix, AS_OF, false))
  } else {
    same = report.objectiveCount === b.objectives.length
  }
  const objectives = report.objectives
  for (let i = 0; i < objectives.length; i++) {
    if (bits(objectives[i].progress) !== bits(b.objectives[i].progress)) {
      throw new Error(`plain JS differs at ${objectives[i].objective}: ${objectives[i].progress} vs ${b.objectives[i].progress}`)
    }
  }
  if (!same) throw new Error('plain JS report differs from okrkit (shape)')
  for (const [name, read] of [['table', objectivesViaTable], ['Arrow', tableFromIPC && objectivesViaArrow], ['toArrow', tableFromIPC && objectivesViaToArrow]]) {
    if (!read) continue
    const got = read(report)
    if (got.ids.length !== objectives.length) throw new Error(`${name}: ${got.ids.length} objectives, not ${objectives.length}`)
    for (let i = 0; i < objectives.length; i++) {
      if (got.ids[i] !== objectives[i].objective || bits(objectives[i].progress) !== bits(got.progress[i])) {
        throw new Error(`${name} objectives differ at ${objectives[i].objective}`)
      }
    }
  }
  const someId = objectives[objectives.length >> 1].objective

  const nativeRuns = repeat ?? Math.max(5, Math.min(500, Math.round(2000 / Math.max(0.01, okr.__benchProgress(org, 3, { asOf: AS_OF })))))
  const nativeMs = median(Array.from({ length: 3 }, () => okr.__benchProgress(org, nativeRuns, { asOf: AS_OF })))
  const rows = [['rust (native)', nativeMs]]
  const add = async (name, fn) => rows.push([name, await time(fn, repeat)])
  await add('okrkit progress()', () => org.progress({ asOf: AS_OF }))
  await add('okrkit progress() + free()', () => org.progress({ asOf: AS_OF }).free())
  await add('okrkit progress() + objective(id)', () => org.progress({ asOf: AS_OF }).objective(someId))
  await add('okrkit progress() + objectives', () => org.progress({ asOf: AS_OF }).objectives)
  await add('okrkit progress() + toJSON()', () => org.progress({ asOf: AS_OF }).toJSON())
  await add("okrkit progress() + table('objectives')", () => objectivesViaTable(org.progress({ asOf: AS_OF })))
  if (tableFromIPC) await add('okrkit progress() + objectives via Arrow', () => objectivesViaArrow(org.progress({ asOf: AS_OF })))
  if (tableFromIPC) {
    await add('okrkit progress() + objectives via Arrow, then free()', () => {
      const report = org.progress({ asOf: AS_OF })
      const out = objectivesViaArrow(report)
      report.free()
      return out
    })
    await add('okrkit progress() + objectives via toArrow()', () => objectivesViaToArrow(org.progress({ asOf: AS_OF })))
    await add('okrkit progress() + objectives via toArrow(), then free()', () => {
      const report = org.progress({ asOf: AS_OF })
      const out = objectivesViaToArrow(report)
      report.free()
      return out
    })
    // The parts of the last row: the hand-over alone, then apache-arrow's reads alone.
    await add('okrkit progress() + toArrow(), then free() (no read)', () => {
      const report = org.progress({ asOf: AS_OF })
      const t = report.toArrow('objectives')
      report.free()
      return t
    })
    const held = org.progress({ asOf: AS_OF }).toArrow('objectives')
    await add('apache-arrow reads of every id and progress (alone)', () => readArrow(held))
  }
  await add('okrkit progressAsync()', () => org.progressAsync({ asOf: AS_OF }))
  await add('okrkit progressAsync() + objectives', async () => (await org.progressAsync({ asOf: AS_OF })).objectives)
  await add('okrkit keyResults: false + objectives', () => org.progress({ asOf: AS_OF, keyResults: false }).objectives)
  await add('plain JavaScript', () => rollup(ix, AS_OF))
  await add('plain JavaScript, no KR detail', () => rollup(ix, AS_OF, false))

  const times = Object.fromEntries(rows.map(([name, ms]) => [name, ms / 1000]))
  if (json) {
    console.log(JSON.stringify({ key_results: KEY_RESULTS, repeat, node: process.version, same_numbers: same, times }))
  } else {
    const runs = repeat ? `median of ${repeat} runs` : 'median over ~1.5 s'
    console.log(`progress roll-up as of ${AS_OF}: ${KEY_RESULTS} key results, ${opts.objectives} objectives, ${opts.teams} teams, ${opts.checkIns} check-ins (node ${process.version}, ${runs})`)
    for (const [name, ms] of rows) {
      console.log(`${name.padEnd(40)} ${ms.toFixed(2).padStart(10)} ms  ${(ms / nativeMs).toFixed(2).padStart(7)}x native`)
    }
    console.log(`same numbers as plain JavaScript, to the last bit: ${same}`)
  }
  return { keyResults: KEY_RESULTS, times }
}

module.exports = { indexDocument, rollup, main, parseArgs, readArrow }

if (require.main === module) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
