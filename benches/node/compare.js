'use strict'
// okrkit's Node API vs the same progress roll-up written in plain JavaScript, and
// vs the native Rust roll-up — on one generated organisation.
//
//   cd bindings/node && npm run build && npm run bench
//   OKRKIT_BENCH_KEY_RESULTS=200000 node benches/node/compare.js   # the criterion size
//
// What is measured (mean wall time of one roll-up, after warm-up; the document is
// loaded and indexed once, outside the timings, in every variant):
//   native Rust      okr.benchProgress(org, n): Org::progress run n times inside Rust,
//                    no JS in the loop (the same work as `cargo bench --bench core`).
//   okrkit Node API  org.progress({asOf}): the roll-up plus turning the full report
//                    (every objective, key result, team and cycle) into JS objects.
//   okrkit async     await org.progressAsync({asOf}): the same, roll-up and JSON
//                    writing on the libuv pool, JSON.parse on the main thread.
//   ... lean         the same with {keyResults: false}: each objective's key result
//                    detail left out of the report (same numbers, a fifth of the size).
//   plain JS         rollup() below: the same roll-up (same rules, same report
//                    shape) written by hand over the parsed JSON document, with
//                    check-ins indexed once like okrkit's Org.
// The plain-JS numbers are checked equal, to the last bit, to okrkit's.
const path = require('node:path')
const okr = require(process.env.OKRKIT_MODULE || path.join(__dirname, '..', '..', 'bindings', 'node', 'index.js'))

const KEY_RESULTS = Number(process.env.OKRKIT_BENCH_KEY_RESULTS || 50_000)
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

function time(fn, minMs = 1500, maxRuns = 200) {
  for (let i = 0; i < 3; i++) fn() // warm-up
  const times = []
  const start = performance.now()
  while ((performance.now() - start < minMs || times.length < 5) && times.length < maxRuns) {
    const t = performance.now()
    fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, median: times[times.length >> 1], runs: times.length }
}

async function timeAsync(fn, minMs = 1500, maxRuns = 200) {
  for (let i = 0; i < 3; i++) await fn()
  const times = []
  const start = performance.now()
  while ((performance.now() - start < minMs || times.length < 5) && times.length < maxRuns) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, median: times[times.length >> 1], runs: times.length }
}

async function main() {
  const opts = {
    seed: 42, teams: Math.max(1, KEY_RESULTS / 20), objectives: Math.max(1, KEY_RESULTS / 4),
    keyResults: KEY_RESULTS, checkIns: KEY_RESULTS * 10, cycles: 2,
  }
  const text = okr.generateJson(opts)
  const org = okr.Org.fromJson(text)
  const ix = indexDocument(JSON.parse(text))

  // Same answers, to the last bit, before timing anything.
  const a = org.progress({ asOf: AS_OF })
  const b = rollup(ix, AS_OF)
  const same = JSON.stringify(a) === JSON.stringify(b)
  if (!same) {
    for (let i = 0; i < a.objectives.length; i++) {
      if (!Object.is(a.objectives[i].progress, b.objectives[i].progress)) {
        throw new Error(`plain JS differs at ${a.objectives[i].objective}: ${a.objectives[i].progress} vs ${b.objectives[i].progress}`)
      }
    }
    throw new Error('plain JS report differs from okrkit (shape)')
  }

  const nativeRuns = Math.max(5, Math.round(2000 / Math.max(0.01, okr.benchProgress(org, 3, { asOf: AS_OF }))))
  const native = okr.benchProgress(org, Math.min(nativeRuns, 500), { asOf: AS_OF })
  const api = time(() => org.progress({ asOf: AS_OF }))
  const apiAsync = await timeAsync(() => org.progressAsync({ asOf: AS_OF }))
  const plain = time(() => rollup(ix, AS_OF))
  const lean = time(() => org.progress({ asOf: AS_OF, keyResults: false }))
  const leanAsync = await timeAsync(() => org.progressAsync({ asOf: AS_OF, keyResults: false }))
  const plainLean = time(() => rollup(ix, AS_OF, false))
  const sameLean = JSON.stringify(org.progress({ asOf: AS_OF, keyResults: false })) === JSON.stringify(rollup(ix, AS_OF, false))

  const row = (name, ms) => `${name.padEnd(34)} ${ms.toFixed(2).padStart(10)} ms  ${(ms / native).toFixed(2).padStart(7)}x native`
  console.log(`progress roll-up as of ${AS_OF}: ${KEY_RESULTS} key results, ${opts.objectives} objectives, ${opts.teams} teams, ${opts.checkIns} check-ins (node ${process.version})`)
  console.log(row('native Rust (benchProgress)', native))
  console.log(row('okrkit Node API org.progress()', api.mean))
  console.log(row('okrkit Node API progressAsync()', apiAsync.mean))
  console.log(row('plain JavaScript roll-up', plain.mean))
  console.log(row('okrkit progress({keyResults: false})', lean.mean))
  console.log(row('okrkit progressAsync(... false)', leanAsync.mean))
  console.log(row('plain JavaScript, no KR detail', plainLean.mean))
  console.log(`okrkit Node API / plain JS: full report ${(api.mean / plain.mean).toFixed(2)}, no KR detail ${(lean.mean / plainLean.mean).toFixed(2)}  (same numbers to the last bit: ${same && sameLean})`)
  return { native, api: api.mean, async: apiAsync.mean, plain: plain.mean, lean: lean.mean, plainLean: plainLean.mean }
}

module.exports = { indexDocument, rollup, main }

if (require.main === module) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
