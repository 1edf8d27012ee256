'use strict'
// The package entry: the generated loader (`native.js`, written by `napi build`)
// with one error shape at the boundary. Every function, method, getter,
// constructor and Promise of the native module is wrapped so that whatever it
// throws is an `OkrError` with `code`, `path` and `problems`. Errors are built
// in Rust: the core's own errors keep their code, and a wrong argument (type
// or arity) is read there too (`convert::arg`): `parse_error` with the
// argument's name as `path`. What is left for this file is a method called on
// something that is not its object (V8's or napi's refusal of the receiver):
// `parse_error` at `this`; anything else (a caught panic) is `internal_error`;
// and an argument past those a function declares (`arity.js`, generated from
// the native functions by okrkit-codegen), which napi would ignore:
// `parse_error` at `arguments` (`undefined` there is no argument).
// No rule, default or field name lives here.
//
// `module.exports = native` (not a copy) so that `import { Org } from 'okrkit'`
// sees the loader's statically declared names.

const native = require('./native.js')
const { arity, promise } = require('./arity.js')
const rejects = new Set(promise)

/** The one error class okrkit throws. */
class OkrError extends Error {
  constructor(message, code, path = '', problems) {
    super(message)
    this.code = code
    this.path = path
    this.problems = problems ?? [{ code, message, path }]
  }
}
Object.defineProperty(OkrError.prototype, 'name', { value: 'OkrError', configurable: true, writable: true })

function toOkrError(e) {
  if (e instanceof OkrError) return e
  if (e instanceof Error && typeof e.code === 'string' && Array.isArray(e.problems)) {
    // The core's error, built in Rust: same object, the exported class.
    Object.setPrototypeOf(e, OkrError.prototype)
    return e
  }
  const message = e instanceof Error ? e.message : String(e)
  // V8's "Illegal invocation" (a TypeError), or napi's failed unwrap of `this`.
  const receiver = e instanceof TypeError || (e instanceof Error && e.code === 'InvalidArg')
  const code = receiver ? 'parse_error' : 'internal_error'
  const text = receiver ? message : `okrkit failed (a bug, please report it): ${message}`
  const out = new OkrError(text, code, receiver ? 'this' : '')
  if (e instanceof Error) out.cause = e
  return out
}

// The error for an argument past the `count` that `name` declares, if one is given.
function extra(name, count, args) {
  for (let i = count; i < args.length; i++) {
    if (args[i] === undefined) continue
    const s = count === 1 ? '' : 's'
    return new OkrError(`${name} takes ${count} argument${s}; argument ${i + 1} is not read, so it is refused`, 'parse_error', 'arguments')
  }
  return null
}

// How many arguments the native function `key` declares (arity.js); a
// method's own entry, else the one every class shares (`*#free`).
function declared(key) {
  const n = arity[key] ?? arity[key.replace(/^\w+#/, '*#')]
  if (n === undefined) throw new Error(`okrkit: arity.js does not list ${key} (regenerate it with okrkit-codegen)`)
  return n
}

// `fn` throwing only OkrErrors, refusing an argument past its `count`
// (`key` names it; a Promise it would return is rejected instead).
function guard(fn, key, count = declared(key)) {
  const promised = rejects.has(key)
  const wrapped = function (...args) {
    const refused = extra(fn.name, count, args)
    if (refused) {
      if (promised) return Promise.reject(refused)
      throw refused
    }
    let result
    try {
      result = new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args)
    } catch (e) {
      throw toOkrError(e)
    }
    if (result instanceof Promise) {
      return result.catch((e) => {
        throw toOkrError(e)
      })
    }
    return result
  }
  Object.defineProperty(wrapped, 'name', { value: fn.name })
  return wrapped
}

function guardMembers(target, owner) {
  for (const key of Object.getOwnPropertyNames(target)) {
    if (key === 'constructor') continue
    const d = Object.getOwnPropertyDescriptor(target, key)
    if (!d.configurable && !d.writable) continue
    if (typeof d.value === 'function') d.value = guard(d.value, `${owner}#${key}`)
    else if (d.get) {
      const get = d.get
      d.get = function () {
        try {
          return get.call(this)
        } catch (e) {
          throw toOkrError(e)
        }
      }
    } else continue
    Object.defineProperty(target, key, d)
  }
}

const isClass = (f) => typeof f === 'function' && f.prototype && Object.getOwnPropertyNames(f.prototype).length > 1

// A class: its methods and getters are wrapped in place on its prototype; its
// constructor and static factories (which napi makes read-only) by a wrapper
// function sharing that prototype, so `instanceof` holds for every instance.
function guardClass(Native) {
  guardMembers(Native.prototype, Native.name)
  const count = arity[Native.name] ?? 0 // a class without a constructor: napi refuses `new`
  const Class = function (...args) {
    if (!new.target) throw toOkrError(new TypeError(`Class constructor ${Native.name} cannot be invoked without 'new'`))
    const refused = extra(Native.name, count, args)
    if (refused) throw refused
    try {
      return Reflect.construct(Native, args, new.target === Class ? Native : new.target)
    } catch (e) {
      throw toOkrError(e)
    }
  }
  // `using org = new Org(…)` frees the native memory at the end of the block.
  if (typeof Native.prototype.free === 'function' && typeof Symbol.dispose === 'symbol') {
    Object.defineProperty(Native.prototype, Symbol.dispose, { value: Native.prototype.free, writable: true, configurable: true })
  }
  Object.defineProperty(Class, 'name', { value: Native.name })
  Class.prototype = Native.prototype
  Object.defineProperty(Native.prototype, 'constructor', { value: Class, writable: true, configurable: true })
  for (const key of Object.getOwnPropertyNames(Native)) {
    if (['prototype', 'length', 'name', 'caller', 'arguments'].includes(key)) continue
    const value = Native[key]
    Class[key] = typeof value === 'function' ? guard(value, `${Native.name}.${key}`) : value
  }
  return Class
}

for (const key of Object.keys(native)) {
  const value = native[key]
  if (typeof value !== 'function') continue
  native[key] = isClass(value) ? guardClass(value) : guard(value, key)
}
native.OkrError = OkrError

// The ledger's actions as methods, generated from the core's `Action`
// (actions.js, by scripts/gen-types.js): each builds the action object (the
// ledger's JSON form) and calls `append`, where the core applies its rules.
// A generated name never replaces a native method: a clash fails at load.
for (const [method, type, fields] of require('./actions.js')) {
  if (Object.prototype.hasOwnProperty.call(native.Ledger.prototype, method)) {
    throw new Error(`okrkit: the generated ledger action ${method} would replace Ledger.${method}`)
  }
  const act = function (at, actor, ...args) {
    if (!(this instanceof native.Ledger)) {
      throw new OkrError(`${method} must be called on a Ledger`, 'parse_error', 'this')
    }
    const action = { type }
    fields.forEach((field, i) => {
      if (args[i] !== undefined) action[field] = args[i]
    })
    return this.append(at, actor, action)
  }
  Object.defineProperty(act, 'name', { value: method })
  Object.defineProperty(native.Ledger.prototype, method, { value: guard(act, method, 2 + fields.length), writable: true, configurable: true })
}

// `report.toArrow(table, { arrow })`: a report table as an apache-arrow
// `Table` over the buffers of `tableArrowColumns` (README.md, "Arrow without
// the IPC stream"; `ArrowColumns` in types.d.ts says what `layout` holds).
// apache-arrow is an optional peer dependency: the caller's own module
// (`{ arrow }`, what an ES module must pass: its ESM and CommonJS builds do
// not read each other's tables), else its CommonJS build, loaded on first use.
let apacheArrow = null
function loadArrow() {
  if (apacheArrow) return apacheArrow
  try {
    apacheArrow = require('apache-arrow')
  } catch (e) {
    // Only when apache-arrow itself is missing, not one of its own dependencies.
    if (e && e.code === 'MODULE_NOT_FOUND' && /['"]apache-arrow['"]/.test(e.message)) {
      e.message = `report.toArrow() needs the apache-arrow package (npm install apache-arrow); tableArrow() gives the IPC bytes without it. ${e.message}`
    }
    throw e
  }
  return apacheArrow
}

// `toArrow`'s options: this file's own (which apache-arrow module builds the
// table), read strictly like every okrkit option: an unknown key is an error.
function arrowOption(options) {
  if (options === undefined || options === null) return null
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new OkrError('options: expected an object ({ arrow })', 'parse_error', 'options')
  }
  for (const key of Object.keys(options)) {
    if (key !== 'arrow') throw new OkrError(`options.${key}: unknown option (the only one is arrow)`, 'parse_error', `options.${key}`)
  }
  const { arrow } = options
  if (arrow === undefined) return null
  if (!arrow || typeof arrow.Data !== 'function' || typeof arrow.RecordBatchReader !== 'function') {
    throw new OkrError('options.arrow: expected the apache-arrow module (import * as arrow from "apache-arrow")', 'parse_error', 'options.arrow')
  }
  return arrow
}

// The schema of a table, parsed from its bytes once per apache-arrow module
// and table name (read through flatbuffers, it cost about a quarter of
// toArrow at 10k key results), then copied for each table: every table has a
// schema object, fields and metadata maps of its own, so a caller editing one
// table's metadata changes no other. The bytes are compared on every call, so
// a schema that differs (another report's) is parsed again, never mixed up.
const schemas = new WeakMap()
function schemaOf(arrow, table, bytes) {
  let byName = schemas.get(arrow)
  if (!byName) schemas.set(arrow, (byName = new Map()))
  const key = String(table)
  let hit = byName.get(key)
  if (!hit || !hit.bytes.equals(bytes)) {
    hit = { bytes, schema: arrow.RecordBatchReader.from(bytes).open().schema }
    byName.set(key, hit)
  }
  const { fields, metadata, metadataVersion } = hit.schema
  const own = fields.map((f) => new arrow.Field(f.name, f.type, f.nullable, new Map(f.metadata)))
  return new arrow.Schema(own, new Map(metadata), undefined, metadataVersion)
}

function toArrow(table, options) {
  const refused = extra('toArrow', 2, arguments)
  if (refused) throw refused
  const given = arrowOption(options)
  // Through the prototype: a wrong receiver or a freed report throws the
  // native method's OkrError (`parse_error` at `this`, `invalid_state`).
  const { schema: bytes, numRows, buffers, layout } = native.ProgressReport.prototype.tableArrowColumns.call(this, table)
  const arrow = given ?? loadArrow()
  const schema = schemaOf(arrow, table, bytes)
  // Each column's `Data` as `makeData` builds it, without its per-type
  // dispatch; the table from its one batch, as `tableFromIPC` builds it.
  const view = (Type, at) => new Type(buffers[layout[at]], layout[at + 1], layout[at + 2] / Type.BYTES_PER_ELEMENT)
  const children = schema.fields.map(({ type }, i) => {
    const at = i * 10
    const nullBitmap = layout[at + 1] < 0 ? new Uint8Array(0) : view(Uint8Array, at + 1)
    const valueOffsets = layout[at + 4] < 0 ? undefined : view(type.OffsetArrayType, at + 4)
    return new arrow.Data(type, 0, numRows, layout[at], [valueOffsets, view(type.ArrayType, at + 7), nullBitmap])
  })
  const struct = new arrow.Data(new arrow.Struct(schema.fields), 0, numRows, 0, [undefined, undefined, new Uint8Array(0)], children)
  return new arrow.Table([new arrow.RecordBatch(schema, struct)])
}
Object.defineProperty(toArrow, 'name', { value: 'toArrow' })
Object.defineProperty(native.ProgressReport.prototype, 'toArrow', { value: toArrow, writable: true, configurable: true })

module.exports = require('./native.js')
module.exports.OkrError = OkrError
