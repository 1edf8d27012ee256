'use strict'
// The README's Node.js section, run as a user copies it: its `js` blocks in
// order, in one scope (a later block uses what an earlier one made), from the
// repository root, with `require('okrkit')` this package. Where a line's
// comment starts with a value — `// 0.39222222222222225 …`, `// 'check_in'`,
// `// ['as_of', 'cycle', …]` (a shown array ending in … is its first
// elements), `// 2` — the expression on the line must give exactly that
// value (numbers to the last digit JS prints); a line
// `try { X } catch (e) { e.code }  // 'code'` must throw that code.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const REPO = path.join(__dirname, '..', '..', '..')

function nodeBlocks() {
  const text = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8')
  const section = text.split('\n## Node.js\n')[1]
  assert.ok(section, 'README has a ## Node.js section')
  const body = section.split('\n## ')[0]
  const blocks = []
  const re = /```js\n([\s\S]*?)```/g
  let m
  while ((m = re.exec(body)) !== null) blocks.push(m[1])
  return blocks
}

/** The value a comment starts with, as JS source, or null. */
function shownValue(comment) {
  const number = /^-?\d+(\.\d+)?(e[+-]?\d+)?(?=$|[\s:,;)])/.exec(comment)
  if (number) return number[0]
  const string = /^'[^']*'/.exec(comment)
  if (string) return string[0]
  const array = /^\[[^\]]*\]/.exec(comment)
  if (array) return array[0]
  return null
}

function balanced(code) {
  let depth = 0
  for (const c of code.replace(/'[^']*'/g, "''")) {
    if ('([{'.includes(c)) depth++
    if (')]}'.includes(c)) depth--
    if (depth < 0) return false
  }
  return depth === 0
}

/** A check of what `actual` is against the value shown in the README. */
function check(actual, shown, where) {
  if (shown.startsWith('[')) {
    const items = shown.slice(1, -1).split(',').map((s) => s.trim())
    const open = items[items.length - 1] === '…'
    const expected = items.filter((s) => s !== '…').map((s) => JSON.parse(s.replace(/^'|'$/g, '"')))
    assert.ok(Array.isArray(actual), `${where}: not an array`)
    const got = open ? actual.slice(0, expected.length) : actual
    assert.deepEqual(got, expected, where)
  } else if (shown.startsWith("'")) {
    assert.equal(actual, shown.slice(1, -1), where)
  } else {
    assert.equal(typeof actual, 'number', `${where}: not a number`)
    assert.equal(String(actual), shown, where)
  }
}

/** The README's code with each shown value turned into a check, and the number of checks. */
function instrument(blocks) {
  let checks = 0
  const lines = []
  for (const [b, block] of blocks.entries()) {
    for (const [k, line] of block.split('\n').entries()) {
      const where = JSON.stringify(`README Node block ${b + 1}, line ${k + 1}: ${line.trim()}`)
      // Top-level bindings become `var`, so that a later block may make its own `org`.
      let code = line.replace(/^(const|let) /, 'var ')
      const at = code.indexOf('//')
      const shown = at >= 0 ? shownValue(code.slice(at + 2).trim()) : null
      const stmt = at >= 0 ? code.slice(0, at).trim() : ''
      const thrown = /^try \{ (.*) \} catch \((\w+)\) \{ \2\.code \}$/.exec(stmt)
      if (shown && thrown) {
        code = `__throws(() => { ${thrown[1]} }, ${shown}, ${where})`
        checks++
      } else if (shown && stmt && !/^(var|for|if|try|\}|\.)/.test(stmt) && balanced(stmt)) {
        code = `__check((${stmt}), ${JSON.stringify(shown)}, ${where})`
        checks++
      }
      lines.push(code)
    }
  }
  return { source: lines.join('\n'), checks }
}

function run(source) {
  const localRequire = (name) => (name === 'okrkit' ? require('..') : require(name))
  const throws = (fn, code, where) => {
    assert.throws(fn, (e) => e.code === code, `${where}: does not throw '${code}'`)
  }
  const cwd = process.cwd()
  process.chdir(REPO)
  try {
    new Function('require', '__check', '__throws', source)(localRequire, check, throws)
  } finally {
    process.chdir(cwd)
  }
}

test('the README Node.js blocks run as written and give the values they show', () => {
  const blocks = nodeBlocks()
  assert.ok(blocks.length >= 4, `only ${blocks.length} js blocks in the Node.js section`)
  const { source, checks } = instrument(blocks)
  assert.ok(checks >= 8, `only ${checks} shown values found`)
  run(source)
})

test('a README value that drifts fails the check', () => {
  const blocks = nodeBlocks()
  const edited = blocks.map((b) => b.replace('// 0.39222222222222225', '// 0.3922222222222222'))
  assert.notDeepEqual(edited, blocks, 'the progress figure is in the README')
  assert.throws(() => run(instrument(edited).source), /README Node block 1/)
  const codes = blocks.map((b) => b.replace("// 'not_allowed'", "// 'agreed_commitment'"))
  assert.throws(() => run(instrument(codes).source), /does not throw 'agreed_commitment'/)
})
