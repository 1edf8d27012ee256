'use strict'
// `report.toArrow(table)`: a progress table as an apache-arrow `Table` over the
// core's Arrow buffers (`tableArrowColumns`, no IPC stream). It must be the
// table `tableFromIPC(report.tableArrow(table))` gives — schema, metadata,
// types, every cell and every stored bit — for every progress vector, refuse
// what `tableArrow` refuses, and its buffers must outlive the report.
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const v8 = require('node:v8')
const vm = require('node:vm')
const { execFileSync } = require('node:child_process')
const okr = require('../index.js')
const { loadVectors } = require('./helpers.cjs')
const { tableFromIPC, Table } = require('apache-arrow')

const TABLES = ['objectives', 'key_results', 'teams', 'cycles']

/** A fixed-width column's stored values (floats as their bits, null slots included); [] for text and booleans. */
function stored(col) {
  return col.data.flatMap((d) => {
    const v = d.values
    const range = (a) => Array.from(a.subarray(d.offset, d.offset + d.length))
    if (v instanceof Float64Array) return range(new BigUint64Array(v.buffer, v.byteOffset, v.length))
    if (v instanceof BigInt64Array || v instanceof Int32Array) return range(v)
    return []
  })
}

/** `got` is `want`: schema with metadata, rows, every cell as apache-arrow reads it, every stored value. */
function assertSameTable(got, want, where) {
  assert.ok(got instanceof Table, `${where}: an apache-arrow Table`)
  assert.deepEqual([...got.schema.metadata], [...want.schema.metadata], `${where}: schema metadata`)
  assert.deepEqual(
    got.schema.fields.map((f) => [f.name, String(f.type), f.nullable, [...f.metadata]]),
    want.schema.fields.map((f) => [f.name, String(f.type), f.nullable, [...f.metadata]]),
    `${where}: fields`,
  )
  assert.equal(got.numRows, want.numRows, `${where}: rows`)
  for (const f of want.schema.fields) {
    const a = got.getChild(f.name)
    const b = want.getChild(f.name)
    assert.equal(a.nullCount, b.nullCount, `${where}: ${f.name} nulls`)
    for (let i = 0; i < want.numRows; i++) {
      assert.ok(Object.is(a.get(i), b.get(i)), `${where}: ${f.name}[${i}] ${a.get(i)} vs ${b.get(i)}`)
    }
    assert.deepEqual(stored(a), stored(b), `${where}: ${f.name} stored values`)
  }
}

test('toArrow gives the table tableFromIPC reads from tableArrow, for every progress vector and table', () => {
  let cells = 0
  for (const [name, v] of loadVectors('progress')) {
    const org = new okr.Org(v.document)
    const report = org.progress()
    for (const t of TABLES) {
      const want = tableFromIPC(report.tableArrow(t))
      assertSameTable(report.toArrow(t), want, `${name} ${t}`)
      cells += want.numRows * want.numCols
    }
    // The default table is the objectives, as for tableArrow().
    assertSameTable(report.toArrow(), tableFromIPC(report.tableArrow()), `${name} default`)
  }
  // A generated organisation: many rows, nulls, every column type of the progress tables.
  const org = okr.Org.fromJson(okr.generateJson({ seed: 7, teams: 20, objectives: 120, keyResults: 500, checkIns: 3000, cycles: 2 }))
  for (const asOf of [undefined, '2026-02-15']) {
    const report = org.progress(asOf ? { asOf } : {})
    for (const t of TABLES) {
      const want = tableFromIPC(report.tableArrow(t))
      assertSameTable(report.toArrow(`progress.${t}`), want, `generated ${asOf} ${t}`)
      cells += want.numRows * want.numCols
    }
  }
  assert.ok(cells > 10_000, `only ${cells} cells compared`)
})

test('an empty report gives every column and no rows', () => {
  const org = new okr.Org({ cycles: [{ id: 'q1', name: 'Q1', start: '2026-01-01', end: '2026-03-31' }], teams: [], objectives: [] })
  const report = org.progress()
  for (const t of TABLES) assertSameTable(report.toArrow(t), tableFromIPC(report.tableArrow(t)), `empty ${t}`)
  assert.equal(report.toArrow('objectives').numRows, 0)
})

/** Column `i`'s buffers in `tableArrowColumns`' result, as `Uint8Array`s (null when absent). */
function columnBuffers({ buffers, layout }, i) {
  const at = (k) => (layout[i * 10 + k] < 0 ? null : new Uint8Array(buffers[layout[i * 10 + k]], layout[i * 10 + k + 1], layout[i * 10 + k + 2]))
  return { nullCount: layout[i * 10], validity: at(1), offsets: at(4), values: at(7) }
}

test('tableArrowColumns: the schema as IPC bytes, the buffers, and where each column has its buffers', () => {
  const org = okr.Org.fromJson(okr.generateJson({ seed: 3, teams: 4, objectives: 10, keyResults: 30, checkIns: 90, cycles: 1 }))
  const report = org.progress({ asOf: '2026-02-15' })
  const c = report.tableArrowColumns('objectives')
  assert.ok(Buffer.isBuffer(c.schema))
  assert.equal(c.numRows, 10)
  const want = tableFromIPC(report.tableArrow('objectives'))
  const fields = want.schema.fields
  assert.ok(c.layout instanceof Float64Array)
  assert.equal(c.layout.length, fields.length * 10)
  // A small table: every buffer copied into the one packed ArrayBuffer.
  assert.equal(c.buffers.length, 1)
  assert.ok(c.buffers[0] instanceof ArrayBuffer)
  for (const [i, f] of fields.entries()) {
    const col = columnBuffers(c, i)
    const data = want.getChild(f.name).data[0]
    assert.equal(col.nullCount, data.nullCount, `${f.name}: null count`)
    assert.equal(col.validity === null, col.nullCount === 0, `${f.name}: a bitmap only with nulls`)
    assert.equal(col.offsets !== null, String(f.type) === 'Utf8', `${f.name}: offsets for text only`)
    for (const k of [1, 4, 7]) if (c.layout[i * 10 + k] >= 0) assert.equal(c.layout[i * 10 + k + 1] % 64, 0, `${f.name}: 64-byte aligned`)
    const bytes = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)
    assert.ok(bytes(col.values).subarray(0, data.values.byteLength).equals(bytes(data.values)), `${f.name}: values`)
    if (col.offsets) assert.ok(bytes(col.offsets).equals(bytes(data.valueOffsets)), `${f.name}: offsets`)
  }
})

test('writing into every buffer of a table changes no later table (the org\'s cached text is never handed over as it is)', () => {
  // A whole-org table shares its text columns with the org's cache; the
  // hand-over copies what it does not own alone. With every buffer external
  // (limit 0) or packed, overwrite every byte JS was given: the next tables,
  // of the same report and of a new one, are the IPC stream's, cell for cell.
  const org = okr.Org.fromJson(okr.generateJson({ seed: 5, teams: 10, objectives: 400, keyResults: 1600, checkIns: 6400, cycles: 2 }))
  const want = tableFromIPC(org.progress({ asOf: '2026-02-15' }).tableArrow('objectives'))
  try {
    for (const limit of ['0', undefined]) {
      if (limit === undefined) delete process.env.OKRKIT_NODE_PACK_MAX
      else process.env.OKRKIT_NODE_PACK_MAX = limit
      const report = org.progress({ asOf: '2026-02-15' })
      const c = report.tableArrowColumns('objectives')
      if (limit === '0') assert.ok(c.buffers.length > 5, 'every buffer external')
      for (const b of c.buffers) new Uint8Array(b).fill(0xff)
      assertSameTable(report.toArrow('objectives'), want, `the same report, limit ${limit}`)
      assertSameTable(org.progress({ asOf: '2026-02-15' }).toArrow('objectives'), want, `a new report, limit ${limit}`)
    }
  } finally {
    delete process.env.OKRKIT_NODE_PACK_MAX
  }
})

test('the buffers packed into one ArrayBuffer up to the limit, the others handed over as they are: the same table either way', () => {
  // OKRKIT_NODE_PACK_MAX (read by the test-hooks build on each call) moves
  // the limit of src/arrow.rs (64 KiB): 0 hands every buffer over as an
  // external ArrayBuffer, a limit between the table's sizes splits them.
  const org = okr.Org.fromJson(okr.generateJson({ seed: 9, teams: 20, objectives: 1000, keyResults: 4000, checkIns: 16000, cycles: 2 }))
  const report = org.progress({ asOf: '2026-02-15' })
  const tables = []
  try {
    for (const limit of [undefined, '0', '4000', '40000', '1000000000']) {
      if (limit === undefined) delete process.env.OKRKIT_NODE_PACK_MAX
      else process.env.OKRKIT_NODE_PACK_MAX = limit
      const max = limit === undefined ? 64 * 1024 : Number(limit)
      const c = report.tableArrowColumns('objectives')
      const packed = new Map()
      const external = new Map()
      for (let at = 0; at < c.layout.length; at += 10) {
        for (const k of [1, 4, 7]) {
          const [index, offset, length] = c.layout.subarray(at + k, at + k + 3)
          if (index === 0) packed.set(offset, length)
          else if (index > 0) external.set(index, length)
        }
      }
      assert.ok(c.buffers[0].byteLength <= max, `limit ${limit}: the packed ArrayBuffer`)
      for (const [offset, length] of packed) assert.ok(offset + length <= c.buffers[0].byteLength)
      // The smallest buffers are packed, each buffer handed over once (the pace columns share one bitmap).
      for (const length of external.values()) for (const p of packed.values()) assert.ok(length >= p, `limit ${limit}`)
      assert.deepEqual([...external.keys()].sort((x, y) => x - y), c.buffers.slice(1).map((_, i) => i + 1), `limit ${limit}`)
      for (const [index, length] of external) assert.equal(c.buffers[index].byteLength, length)
      if (limit === '0') assert.equal(packed.size, 0)
      if (limit === '1000000000') assert.equal(external.size, 0)
      if (limit === '4000' || limit === '40000') assert.ok(packed.size > 0 && external.size > 0, `limit ${limit} splits`)
      tables.push([limit, report.toArrow('objectives'), report.toArrow('key_results')])
    }
  } finally {
    delete process.env.OKRKIT_NODE_PACK_MAX
  }
  const objectives = tableFromIPC(report.tableArrow('objectives'))
  const keyResults = tableFromIPC(report.tableArrow('key_results'))
  assert.ok(objectives.numRows > 900)
  for (const [limit, o, k] of tables) {
    assertSameTable(o, objectives, `objectives, limit ${limit}`)
    assertSameTable(k, keyResults, `key_results, limit ${limit}`)
  }
})

test('each table hands over the schema bytes of its own schema, the same again for every report of it', () => {
  // The bytes are written once per distinct schema and reused (src/arrow.rs):
  // every table, in any order, must still get the bytes of its own schema.
  const org = okr.Org.fromJson(okr.generateJson({ seed: 3, teams: 4, objectives: 10, keyResults: 30, checkIns: 90, cycles: 1 }))
  const reports = [org.progress({ asOf: '2026-02-15' }), org.progress({ keyResults: true }), org.progress({ asOf: '2026-01-20' })]
  const seen = new Map()
  for (const t of [...TABLES, ...[...TABLES].reverse()]) {
    for (const report of reports) {
      const bytes = report.tableArrowColumns(t).schema
      const names = tableFromIPC(bytes).schema.fields.map((f) => f.name)
      assert.deepEqual(names, okr.tableSchema(`progress.${t}`).map((c) => c.name), t)
      if (!seen.has(t)) seen.set(t, bytes)
      assert.ok(bytes.equals(seen.get(t)), `${t}: the same bytes for every report`)
    }
  }
  assert.equal(new Set([...seen.values()].map((b) => b.toString('hex'))).size, TABLES.length)
})

test('each call hands over its own buffers: writing one table does not change another', () => {
  const org = okr.Org.fromJson(okr.generateJson({ seed: 3, teams: 4, objectives: 10, keyResults: 30, checkIns: 90, cycles: 1 }))
  const report = org.progress({ asOf: '2026-02-15' })
  const a = report.tableArrowColumns('objectives')
  const b = report.tableArrowColumns('objectives')
  const progress = tableFromIPC(report.tableArrow()).schema.fields.findIndex((f) => f.name === 'progress')
  const va = new Float64Array(columnBuffers(a, progress).values.slice().buffer)
  const values = (c) => {
    const v = columnBuffers(c, progress).values
    return new Float64Array(v.buffer, v.byteOffset, v.byteLength / 8)
  }
  const before = values(b)[0]
  assert.equal(va[0], before)
  values(a)[0] = 12345.5
  assert.equal(values(b)[0], before)
  assert.equal(report.toArrow().getChild('progress').get(0), before)
})

test('the objectives table of an org read again (its text cached in the core) and of a filtered report: the IPC table, buffers of its own', () => {
  const org = okr.Org.fromJson(okr.generateJson({ seed: 5, teams: 12, objectives: 60, keyResults: 240, checkIns: 1200, cycles: 2 }))
  const team = org.document().teams[1].id
  for (const options of [{ asOf: '2026-02-15', team }, {}, { asOf: '2026-02-15' }, { cycle: org.document().cycles[0].id }]) {
    const report = org.progress(options)
    const want = tableFromIPC(report.tableArrow('objectives'))
    // The first call of a whole-org report builds the org's cached text, the second reads it.
    const a = report.toArrow('objectives')
    const b = report.toArrow('objectives')
    assertSameTable(a, want, `${JSON.stringify(options)} first`)
    assertSameTable(b, want, `${JSON.stringify(options)} second`)
    if (want.numRows === 0) continue
    const title = (t) => t.getChild('title').data[0].values
    title(a).fill(0x21)
    assert.equal(b.getChild('title').get(0), want.getChild('title').get(0), 'a write to one table is not seen in another')
    assertSameTable(report.toArrow('objectives'), want, `${JSON.stringify(options)} after a write`)
  }
})

test('the Arrow table outlives its report: after free() and garbage collection it reads the same', async () => {
  // Node frees an external buffer in a finalizer run when the event loop
  // turns: each collection below is followed by a turn, so other tables'
  // buffers really are freed (and their memory reused) before the reads.
  const turn = () => new Promise((resolve) => setImmediate(resolve))
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc')
  const org = okr.Org.fromJson(okr.generateJson({ seed: 11, teams: 30, objectives: 200, keyResults: 800, checkIns: 4000, cycles: 2 }))
  const tables = []
  const expected = []
  // Both hand-overs (src/arrow.rs): every buffer copied into one
  // ArrayBuffer, and every buffer as an external ArrayBuffer over the core's
  // memory (OKRKIT_NODE_PACK_MAX, read by the test-hooks build).
  const limits = ['1000000000', '0']
  const withLimit = (k, f) => {
    process.env.OKRKIT_NODE_PACK_MAX = limits[k % 2]
    try {
      return f()
    } finally {
      delete process.env.OKRKIT_NODE_PACK_MAX
    }
  }
  for (let k = 0; k < 6; k++) {
    const report = org.progress({ asOf: '2026-02-15' })
    assert.equal(withLimit(k, () => report.tableArrowColumns('key_results')).buffers.length === 1, k % 2 === 0, `hand-over ${k}`)
    tables.push(withLimit(k, () => report.toArrow('key_results')))
    expected.push(report.table('key_results').rows)
    report.free()
    assert.throws(() => report.toArrow(), (e) => e instanceof okr.OkrError && e.code === 'invalid_state')
  }
  org.free()
  gc()
  await turn()
  // Garbage: other reports' buffers, freed and reused by the allocator meanwhile
  // (and written to by JS before they go).
  const org2 = okr.Org.fromJson(okr.generateJson({ seed: 12, teams: 30, objectives: 200, keyResults: 800, checkIns: 4000, cycles: 2 }))
  for (let k = 0; k < 20; k++) {
    const other = withLimit(k, () => org2.progress().tableArrowColumns('key_results'))
    for (const b of other.buffers) new Uint8Array(b).fill(0xa5)
    gc()
    await turn()
  }
  gc()
  await turn()
  for (const [k, t] of tables.entries()) {
    const rows = expected[k]
    assert.equal(t.numRows, rows.length)
    const id = t.getChild('key_result')
    const progress = t.getChild('progress')
    const title = t.getChild('title')
    for (let i = 0; i < rows.length; i++) {
      assert.equal(id.get(i), rows[i].key_result)
      assert.equal(title.get(i), rows[i].title)
      assert.ok(Object.is(progress.get(i), rows[i].progress), `${i}`)
    }
  }
})

test('toArrow refuses what tableArrow refuses, with the same code, path and message', () => {
  const [, v] = loadVectors('progress').find(([n]) => n === 'seed004_separated')
  const org = new okr.Org(v.document)
  const report = org.progress()
  const lean = org.progress({ keyResults: false })
  const thrown = (f) => {
    try {
      f()
    } catch (e) {
      assert.ok(e instanceof okr.OkrError, String(e))
      return { code: e.code, path: e.path, message: e.message }
    }
    assert.fail('did not throw')
  }
  for (const [r, arg] of [[report, 'nope'], [report, 3], [report, { table: 'objectives' }], [lean, 'key_results'], [report, 'score.objectives']]) {
    const want = thrown(() => r.tableArrow(arg))
    assert.notEqual(want.code, 'internal_error')
    assert.deepEqual(thrown(() => r.toArrow(arg)), want, String(arg))
    assert.deepEqual(thrown(() => r.tableArrowColumns(arg)), want, String(arg))
  }
  // Not on a report: OkrError parse_error at `this`, as every native method.
  for (const self of [{}, org, null]) {
    const e = thrown(() => okr.ProgressReport.prototype.toArrow.call(self))
    assert.deepEqual([e.code, e.path], ['parse_error', 'this'])
  }
})

test('without apache-arrow installed, toArrow says which package it needs', () => {
  const index = path.join(__dirname, '..', 'index.js')
  const script = `
    const Module = require('node:module')
    const load = Module._load
    Module._load = function (request, ...rest) {
      if (request === 'apache-arrow') { const e = new Error("Cannot find module 'apache-arrow'"); e.code = 'MODULE_NOT_FOUND'; throw e }
      return load.call(this, request, ...rest)
    }
    const okr = require(${JSON.stringify(index)})
    const org = new okr.Org({ cycles: [{ id: 'q1', name: 'Q1', start: '2026-01-01', end: '2026-03-31' }], teams: [], objectives: [] })
    const report = org.progress()
    try { report.toArrow(); console.log('no error') } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }
    // The IPC bytes need no package.
    console.log(Buffer.isBuffer(report.tableArrow()))`
  const [line, ipc] = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim().split('\n')
  const e = JSON.parse(line)
  assert.equal(e.code, 'MODULE_NOT_FOUND')
  assert.match(e.message, /needs the apache-arrow package/)
  assert.equal(ipc, 'true')
})

test('toArrow reads its options strictly, and each table has its own schema object', () => {
  const report = okr.Org.fromJson(okr.generateJson({ seed: 3, keyResults: 40 })).progress()
  const arrow = require('apache-arrow')
  assert.equal(report.toArrow('objectives', { arrow }).numRows, report.toArrow('objectives').numRows)
  assert.equal(report.toArrow('objectives', {}).numRows, report.toArrow().numRows)
  const refused = (path) => (e) => e instanceof okr.OkrError && e.code === 'parse_error' && e.path === path
  assert.throws(() => report.toArrow('objectives', { arow: arrow }), refused('options.arow'))
  assert.throws(() => report.toArrow('objectives', 'apache-arrow'), refused('options'))
  assert.throws(() => report.toArrow('objectives', { arrow: {} }), refused('options.arrow'))
  const a = report.toArrow('objectives')
  a.schema.metadata.set('okrkit.table', 'edited')
  a.schema.fields[0].metadata.set('description', 'edited')
  a.schema.fields[1].name = 'renamed'
  a.schema.fields.pop()
  const b = report.toArrow('objectives')
  assert.equal(b.schema.metadata.get('okrkit.table'), 'progress.objectives')
  assert.notEqual(b.schema.fields[0].metadata.get('description'), 'edited')
  assert.equal(b.schema.fields[1].name, 'cycle')
  assert.equal(b.schema.fields.length, a.schema.fields.length + 1)
  assert.notEqual(b.schema, a.schema)
  assert.notEqual(b.schema.fields[0], a.schema.fields[0])
  // The schema is parsed once per table name and copied: a name asked for
  // after another (or an alias of it) still gets its own table's schema,
  // the same as the IPC stream's.
  for (const t of ['teams', 'objectives', 'progress.teams', undefined, 'key_results', 'progress.objectives']) {
    const got = report.toArrow(t)
    const want = tableFromIPC(report.tableArrow(t))
    assert.deepEqual(got.schema.fields.map((f) => [f.name, String(f.type), f.nullable, [...f.metadata]]),
      want.schema.fields.map((f) => [f.name, String(f.type), f.nullable, [...f.metadata]]), String(t))
    assert.deepEqual([...got.schema.metadata], [...want.schema.metadata], String(t))
  }
})
