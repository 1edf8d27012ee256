'use strict'
// A small HTTP service (node:http, no framework) that checks OKR documents users
// submit: POST a document (JSON, camelCase or snake_case keys) to /lint and get
// the lint findings back as JSON.
//
//   node examples/node/http-handler.js            # listens on 127.0.0.1:8080 (PORT to change)
//   curl -s -X POST --data-binary @examples/data/org.json 'http://127.0.0.1:8080/lint?asOf=2026-03-20'
//
// Responses:
//   200 {valid, errors, warnings, infos, findings}  the document was read (valid or not: each
//                                                   validation problem is an error-level finding)
//   400 {error: {code, message, path, problems}}    the body is not an OKR document at all
//                                                   (malformed JSON, NaN, wrong types…)
//   404 / 405 / 413                                 wrong path, wrong method, body too large
//
// Linting runs off the event loop (lintAsync), so large documents do not block other requests.
const http = require('node:http')
const okr = require(process.env.OKRKIT_MODULE || '../../bindings/node/index.js')

const MAX_BODY_BYTES = 10 * 1024 * 1024

function send(res, status, body) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    req.on('data', (c) => {
      size += c.length
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('body too large'), { status: 413 }))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The request handler: usable with any server that speaks (req, res). */
async function handler(req, res) {
  const url = new URL(req.url, 'http://localhost')
  if (url.pathname !== '/lint') return send(res, 404, { error: { code: 'not_found', message: 'POST a document to /lint' } })
  if (req.method !== 'POST') return send(res, 405, { error: { code: 'method_not_allowed', message: 'use POST' } })
  let body
  try {
    body = await readBody(req)
  } catch (e) {
    return send(res, e.status || 400, { error: { code: 'bad_request', message: e.message } })
  }
  const options = {}
  if (url.searchParams.has('asOf')) options.asOf = url.searchParams.get('asOf')
  try {
    // The raw bytes go straight to okrkit (invalid UTF-8 and NaN are reported, never guessed).
    const report = await okr.lintAsync(body, options)
    const valid = okr.validate(body).length === 0
    return send(res, 200, { valid, ...report })
  } catch (e) {
    if (typeof e.code !== 'string') throw e
    return send(res, 400, { error: { code: e.code, message: e.message, path: e.path, problems: e.problems } })
  }
}

function createServer() {
  return http.createServer((req, res) => {
    handler(req, res).catch((e) => send(res, 500, { error: { code: 'internal_error', message: String(e && e.message) } }))
  })
}

module.exports = { handler, createServer }

if (require.main === module) {
  const port = Number(process.env.PORT || 8080)
  createServer().listen(port, '127.0.0.1', () => console.log(`okrkit lint service on http://127.0.0.1:${port}/lint`))
}
