// Compiled with `tsc --noEmit` in the tests: the generated index.d.ts is precise enough
// for real use (no `any` in the report shapes).
import {
  Org, Ledger, Classifier, loadDocument, loadAsync, lint, lintAsync, classify, classifyMany,
  classifyManyAsync, calibrate, generate, validate,
  ProgressReport, type ProgressReportData, type ObjectiveProgress, type LintReport, type Classification, type ScoreReport, type HealthReport,
  type LedgerEntry, type Roles, type KeyResultVersion, type OkrDocumentInput, OkrError, type Problem,
  loadCsv, type Retrospective, type OkrDocument,
} from '../index.js'

const doc: OkrDocumentInput = {
  schemaVersion: 1,
  cycles: [{ id: 'q1', name: 'Q1', start: '2026-01-01', end: '2026-03-31' }],
  teams: [{ id: 'web', name: 'Web' }],
  objectives: [{
    id: 'o1', title: 'World-class checkout', team: 'web', cycle: 'q1', type: 'aspirational',
    keyResults: [{ id: 'kr1', title: 'Conversion > 65%', measure: { type: 'metric', baseline: 50, target: 65 } }],
  }],
  checkIns: [{ keyResult: 'kr1', at: new Date(), value: 55 }],
}
// The JSON format's snake_case spelling is accepted too.
const stored: OkrDocumentInput = { schema_version: 1, check_ins: [{ key_result: 'kr1', at: '2026-02-01T09:00:00Z', value: 55 }] }

const org: Org = new Org(doc)
const progress: ProgressReport = org.progress({ asOf: new Date(), milestones: 'leave_out' })
const first: number | null = progress.objectives[0].progress ?? null
const status: 'ahead' | 'on_track' | 'behind' | undefined = progress.objectives[0].pace?.status
const kr: string = progress.objectives[0].keyResults[0].keyResult
// The report is a handle: counts and single lookups without converting everything.
const handle: boolean = progress instanceof ProgressReport
const counts: number = progress.objectiveCount + progress.keyResultCount
const one: ObjectiveProgress | null = progress.objective('o1')
const team = progress.team('web', 'q1')?.objectivesWithoutProgress
const cycle: number | null | undefined = progress.cycle('q1')?.progress
const asOf: string | null = progress.asOf
const plain: ProgressReportData = progress.toJSON()
const text: string = JSON.stringify(progress)
const report: LintReport = lint(doc, { asOf: '2026-02-15', rules: { output_key_result: 'error' } })
const severity: 'info' | 'warning' | 'error' = report.findings[0].severity
const c: Classification = classify('Hire 3 engineers', 'none')
const kind: 'outcome' | 'output' | 'undetermined' = c.kind
const many: Classification[] = classifyMany(['a', 'b'])
const scores: ScoreReport[] = org.scoreAll()
const flags = calibrate(scores).map((x) => x.flag)
const health: HealthReport = org.health('q1', { staleAfterDays: 21 })
const share: number | null = health.organisation.outcomeShare ?? null
const problems: Problem[] = validate(stored)

const ledger = new Ledger()
const roles: Roles = { members: [{ team: 'web', person: 'ana' }] }
const e0: LedgerEntry = ledger.importDocument(new Date('2026-01-02'), { person: 'ana', team: 'web' }, doc, [], roles)
const when: Date = e0.at
const p = ledger.proposeChange('2026-02-01T00:00:00Z', { person: 'ana', team: 'web' }, { kind: 'target', keyResult: 'kr1', target: 60 }, 'slipped')
ledger.append(new Date(), { person: 'ana', team: 'web' }, { type: 'withdraw', proposal: p.id })
const versions: KeyResultVersion[] = ledger.history('kr1')
const at: Date = versions[0].at
const head: string = ledger.head

async function later(): Promise<void> {
  const o: Org = await loadAsync(JSON.stringify(doc))
  const r: ProgressReport = await o.progressAsync()
  const l: LintReport = await lintAsync(doc)
  const cs: Classification[] = await classifyManyAsync(['x'])
  const led: Ledger = await Ledger.fromJsonlAsync(ledger.toJsonl())
  const custom = new Classifier({ outputVerbs: ['onboard'] })
  const k: Classification = custom.classify('Onboard 3 partners', 'milestone')
  void [r, l, cs, led, k, o]
}

try {
  loadDocument('{')
} catch (err) {
  const e = err as OkrError
  const code: string = e.code
  const where: string = e.path
  const all: Problem[] = e.problems
  void [code, where, all]
  if (err instanceof OkrError) void err.problems[0].code
}

const fromCsv: Org = loadCsv('objective,team,cycle,key_result,title,type,baseline,target\no1,web,2026-Q1,kr1,K,metric,0,1\n')
const over: ProgressReport[] = fromCsv.progressOver(['2026-01-15', new Date()])
const ids: string[] = fromCsv.cycles.concat(fromCsv.teams)
const bytes: number = fromCsv.externalMemory
const gotDoc: OkrDocument = fromCsv.document()
const retro: Retrospective[] = new Ledger().retrospectives()
const linted: LintReport = fromCsv.lint({ rules: { key_result_without_responsible: 'off' }, maxRenegotiationsPerCycle: 2, asOf: new Date() })
void linted
fromCsv.free()
void [over, ids, bytes, gotDoc, retro]

// Every handle with `free()` is `Disposable`: `using` frees it at the block's end.
{
  using scoped = new Org(doc)
  using report = scoped.progress()
  using led = new Ledger()
  const disposers: Array<() => void> = [scoped[Symbol.dispose], report[Symbol.dispose], led[Symbol.dispose]]
  void disposers
}

const big = generate({ keyResults: 100 })
void [first, status, kr, handle, counts, one, team, cycle, asOf, plain, text, severity, kind, many, flags, share, problems, when, at, head, later, big]

// Report tables: the core's schemas, snake_case columns.
import { tableNames, tableSchema, lintTable, classifyTable, type Table, type TableColumn, type TableValue, type ArrowColumns, type ArrowTable } from '../index.js'
const names: string[] = tableNames()
const cols: TableColumn[] = tableSchema('progress.key_results')
const krTable: Table = progress.table('key_results')
const pctCell: TableValue = krTable.rows[0]?.progress_pct ?? null
const scoreTable: Table = org.scoreTable('q1', 'bands')
const healthTable: Table = org.healthTable('q1', 'calibration', { asOf: '2026-02-01' })
const findings: Table = org.lintTable()
const findings2: Table = lintTable(doc)
const kinds: Table = classifyTable(['Build a tool'], 'none')
// @ts-expect-error not a progress table
progress.table('bands')
const entries: Table = new Ledger().table()
// Each table also comes as Arrow IPC bytes.
const arrowBytes: Buffer = progress.tableArrow('objectives')
// A structural type (apache-arrow is an optional peer); cast for apache-arrow's own.
const arrowTable = progress.toArrow('objectives') as unknown as import('apache-arrow').Table
const plainArrow: ArrowTable = progress.toArrow('objectives', { arrow: undefined })
void plainArrow
const arrowIds: string | null = arrowTable.getChild('objective')?.get(0) ?? null
const arrowColumns: ArrowColumns = progress.tableArrowColumns('progress.teams')
const firstBuffer: ArrayBuffer | undefined = arrowColumns.buffers[arrowColumns.layout[7] ?? 0]
const ledgerArrow: Buffer = new Ledger().tableArrow()
// @ts-expect-error toArrow takes a progress table's name
progress.toArrow('bands')
void [names, cols, krTable, pctCell, scoreTable, healthTable, findings, findings2, kinds, entries, arrowBytes, ledgerArrow, arrowTable, arrowIds, arrowColumns, firstBuffer]

// An import's result says whether its report has problems (the readers add `hasProblems`).
import { readTable, readAsana, type Imported } from '../index.js'
const imported: Imported = readTable('objective,team\n')
const importProblems: boolean = imported.hasProblems || readAsana({}).hasProblems
void importProblems
