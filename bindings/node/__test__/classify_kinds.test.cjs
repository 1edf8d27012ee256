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
