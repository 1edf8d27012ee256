'use strict'
// Classifier.classifyKinds: the kinds alone, for large batches (issue 15).
const test = require('node:test')
const assert = require('node:assert/strict')
const okr = require('../index.js')
const { loadVectors } = require('./helpers.cjs')

test('classifyKinds gives the kinds classifyMany gives, on the shared vectors', () => {
  const classifier = new okr.Classifier()
  for (const [name, v] of loadVectors('classify', { required: false })) {
    for (const s of v.statements) {
      const [kind] = classifier.classifyKinds([s.text], s.structure ?? undefined)
      assert.equal(kind, s.kind, `${name}: ${JSON.stringify(s.text)}`)
    }
    const texts = v.statements.filter((s) => !s.structure).map((s) => s.text)
    assert.deepEqual(
      classifier.classifyKinds(texts),
      classifier.classifyMany(texts).map((c) => c.kind),
      name,
    )
  }
})

test('classifyKinds: one structure for every statement, an empty batch, bad input', () => {
  const classifier = new okr.Classifier()
  assert.deepEqual(classifier.classifyKinds([]), [])
  assert.deepEqual(classifier.classifyKinds(['Payments v2', 'Checkout conversion rate'], 'milestone'), ['output', 'output'])
  assert.deepEqual(classifier.classifyKinds(['Be great', '']), ['undetermined', 'undetermined'])
  assert.throws(() => classifier.classifyKinds(['x'], 'bogus'), { code: 'parse_error', path: 'structure' })
  assert.throws(() => classifier.classifyKinds([1, 2]), { code: 'parse_error' })
  assert.throws(() => classifier.classifyKinds('Hire 3 engineers'), { code: 'parse_error' })
})

test('structures: one hint per statement, as in Python and Kotlin/Swift, in every batch call', async () => {
  const classifier = new okr.Classifier()
  const texts = ['Payments v2', 'Checkout conversion rate', 'Be great']
  const structures = ['milestone', 'metric', 'none']
  const each = texts.map((t, i) => classifier.classify(t, structures[i]))
  assert.deepEqual(classifier.classifyMany(texts, undefined, structures), each)
  assert.deepEqual(classifier.classifyKinds(texts, undefined, structures), each.map((c) => c.kind))
  assert.deepEqual(await classifier.classifyManyAsync(texts, undefined, structures), each)
  assert.deepEqual(okr.classifyMany(texts, undefined, structures), texts.map((t, i) => okr.classify(t, structures[i])))
  assert.deepEqual(await okr.classifyManyAsync(texts, null, structures), okr.classifyMany(texts, null, structures))
  // The core's rule (`hints_for`): one per statement, and not with `structure` too.
  const refused = { code: 'invalid_value', path: 'structures' }
  assert.throws(() => classifier.classifyKinds(texts, undefined, ['metric']), refused)
  assert.throws(() => classifier.classifyMany(texts, 'metric', structures), refused)
  await assert.rejects(classifier.classifyManyAsync(texts, undefined, ['metric']), refused)
  assert.throws(() => classifier.classifyKinds(texts, undefined, ['metric', 'big', 'none']), { code: 'parse_error', path: 'structures[1]' })
})
