/* The package entry: the generated declarations (native.d.ts, from `napi build`)
 * and the one error class the entry wraps every call with (index.js). */
export * from './native'
import type { Problem } from './native'

// napi's generated declarations omit the `[Symbol.dispose]` that index.js puts
// on every class with `free()`: declared here, so `using` type-checks. A test
// (__test__/memory.test.cjs) fails when a class with `free()` is missing.
declare module './native' {
  interface Ledger extends Disposable {}
  interface Org extends Disposable {}
  interface ProgressReport extends Disposable {}
}

/** Every error okrkit throws, napi's argument errors and caught panics included (the one
 * exception: `report.toArrow()` without apache-arrow installed throws Node's `MODULE_NOT_FOUND`). */
export declare class OkrError extends Error {
  /** Stable code: 'invalid_document' (see `problems`), 'parse_error' (also a wrong argument
   * type), 'not_finite', 'not_allowed', 'invalid_state', 'unknown_element', 'agreed_commitment',
   * 'invalid_change', 'out_of_order', 'bad_time', 'bad_signature', 'tampered',
   * 'dangling_reference', 'unknown_key_result', 'internal_error' (a bug), ... */
  code: string
  /** Path of the offending element ('' for the whole input). */
  path: string
  /** Every problem (all of them for an invalid document; else this error as one problem). */
  problems: Problem[]
  /** `parse_error` of JSON text: 1-based line and column. */
  line?: number
  column?: number
  /** `tampered`: position and id of the first bad ledger entry. */
  index?: number
  entryId?: string
}
