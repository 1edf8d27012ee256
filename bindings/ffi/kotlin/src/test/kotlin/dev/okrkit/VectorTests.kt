package dev.okrkit

import dev.okrkit.core.*
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.fail

/** The shared vectors in tests/vectors, one dynamic test per file, driven as the Rust runners drive them. */
class VectorTests {
    private fun each(sub: String, run: (String, JSONObject) -> Unit): List<DynamicTest> =
        Vectors.load(sub).map { (name, v) -> dynamicTest("$sub/$name") { run(name, v) } }

    @TestFactory
    fun progress() = each("progress") { name, v ->
        val org = Org.fromJson(v.getJSONObject("document").toString())
        val o = v.optJSONObject("options") ?: JSONObject()
        val options = ProgressOptions(
            asOf = o.optString("as_of").ifEmpty { null }.takeUnless { o.isNull("as_of") }?.let(java.time.LocalDate::parse),
            milestones = if (o.has("milestones")) MilestonePolicy.valueOf(o.getString("milestones").uppercase()) else null,
            cycle = o.optString("cycle").ifEmpty { null }.takeUnless { o.isNull("cycle") },
        )
        assertSubset(plain(v.get("expected")), toPlain(org.progress(options)), name)
    }

    @TestFactory
    fun invalid() = each("invalid") { name, v ->
        val json = v.getJSONObject("document").toString()
        val expected = plain(v.getJSONArray("expected_problems"))
        val e = assertThrows<OkrException> { Org.fromJson(json) }
        when (e) {
            is OkrException.Parse -> assertEquals("parse_error", e.code)
            is OkrException.Invalid -> {
                assertEquals("invalid_document", e.code)
                assertEquals(e.problems.items().first().path, e.path, "$name: path is the first problem's")
            }
            else -> fail("$name: expected Parse or Invalid, got $e")
        }
        val got = e.problems().map { mapOf("code" to it.code, "path" to it.path) }
        assertEquals(expected, got, name)
        // validate() reports the same problems without throwing.
        assertEquals(expected, validate(json).map { mapOf("code" to it.code, "path" to it.path) }, "$name: validate()")
    }

    @TestFactory
    fun health() = each("health") { name, v ->
        val org = Org.fromJson(v.getJSONObject("document").toString())
        val o = v.optJSONObject("options") ?: JSONObject()
        val options = HealthOptions(
            asOf = if (o.has("as_of") && !o.isNull("as_of")) java.time.LocalDate.parse(o.getString("as_of")) else null,
        ).let { if (o.has("stale_after_days")) it.copy(staleAfterDays = o.getLong("stale_after_days").toUInt()) else it }
        assertSubset(plain(v.get("expected")), toPlain(org.health(v.getString("cycle"), options)), name)
    }

    @TestFactory
    fun imports() = each("import") { name, v ->
        val input = java.io.File(Vectors.dir, "import/" + v.getString("input"))
        val imported = when (val source = v.getString("source")) {
            "asana" -> readAsana(input.readText())
            "gitlab" -> readGitlab(input.readText())
            "quantive" -> readQuantive(input.readText())
            "tability" -> readTability(input.readText())
            "table" -> readTable(input.readBytes(), v.optJSONObject("options")?.toString())
            else -> fail("$name: unknown source $source")
        }
        assertSubset(plain(v.get("expected_document")), plain(JSONObject(imported.documentJson)), "$name.document")
        assertSubset(plain(v.get("expected_report")), plain(JSONObject(imported.reportJson)), "$name.report")
        val expectedCodes = plain(v.getJSONObject("expected_report").getJSONArray("problems"))
        assertEquals(expectedCodes, imported.problems.map { mapOf("code" to it.code, "path" to it.path) }, "$name.problems")
    }

    @TestFactory
    fun score() = each("score") { name, v ->
        val json = v.getJSONObject("document").toString()
        val org = Org.fromJson(json)
        if (v.has("cycle") && !v.isNull("cycle")) {
            assertSubset(plain(v.get("expected")), toPlain(org.scoreCycle(v.getString("cycle"))), name)
        }
        if (v.has("expected_calibration")) {
            assertSubset(plain(v.get("expected_calibration")), toPlain(org.calibrate()), "$name.calibration")
        }
        if (v.has("expected_lint_codes")) {
            val codes = lintDocument(json, LintOptions()).findings.map { it.code }.toSet()
            for (c in v.getJSONArray("expected_lint_codes")) assertTrue(c in codes, "$name: lint lacks $c")
        }
    }

    @TestFactory
    fun ledger() = each("ledger") { name, v ->
        val ledger = runSteps(name, v.getJSONArray("steps"))
        val ex = v.getJSONObject("expect")
        assertEquals(ex.getLong("entries"), ledger.length(), "$name: entries")
        if (ex.has("head")) assertEquals(ex.getString("head"), ledger.head(), "$name: head")
        assertEquals(ledger.head(), ledger.verify().head)
        val back = Ledger.fromJsonl(ledger.toJsonl())
        assertEquals(ledger.toJsonl(), back.toJsonl(), "$name: JSON Lines round trip")

        if (ex.has("document")) assertSubset(plain(ex.get("document")), parseJson(ledger.replayJson(null)), "$name.document")
        for (r in ex.optJSONArray("replay") ?: JSONArray()) {
            r as JSONObject
            val doc = parseJson(ledger.replayJson(instant(r.getString("at"))))
            assertSubset(plain(r.get("document")), doc, "$name.replay@${r.getString("at")}")
        }
        val lists = mapOf(
            "sets" to { ledger.sets() },
            "reviews" to { ledger.reviews() },
            "feedback" to { ledger.feedbackNotes() },
            "proposals" to { ledger.proposals() },
            "dependencies" to { ledger.dependencies() },
        )
        for ((key, get) in lists) if (ex.has(key)) assertSubset(plain(ex.get(key)), toPlain(get()), "$name.$key")
        ex.optJSONObject("history")?.let { h ->
            for (kr in h.keySet()) assertSubset(plain(h.get(kr)), toPlain(ledger.history(kr)), "$name.history.$kr")
        }
        for (r in ex.optJSONArray("renegotiation_counts") ?: JSONArray()) {
            r as JSONObject
            assertSubset(plain(r.get("expected")), toPlain(ledger.renegotiationCounts(r.getString("cycle"))), "$name.renegotiation_counts")
        }
        for (w in ex.optJSONArray("waiting_dependencies") ?: JSONArray()) {
            w as JSONObject
            val days = if (w.isNull("more_than_days")) null else w.getLong("more_than_days")
            val got = ledger.waitingDependencies(instant(w.getString("as_of")), longerThanDays = days)
            assertSubset(plain(w.get("expected")), toPlain(got), "$name.waiting@${w.getString("as_of")}")
        }
        for (op in ex.optJSONArray("tamper") ?: JSONArray()) tamper(name, ledger, op as JSONObject)
    }

    private fun tamper(name: String, ledger: Ledger, op: JSONObject) {
        val lines = ledger.toJsonl().lines().filter { it.isNotEmpty() }.toMutableList()
        val index = op.getInt("index")
        when (op.getString("op")) {
            "edit" -> {
                val line = JSONObject(lines[index])
                setPointer(line, op.getString("pointer"), op.get("value"))
                lines[index] = line.toString()
            }
            "drop" -> lines.removeAt(index)
            "swap" -> { val w = op.getInt("with"); val t = lines[index]; lines[index] = lines[w]; lines[w] = t }
            "duplicate" -> lines.add(index + 1, lines[index])
            "truncate" -> while (lines.size > index) lines.removeAt(lines.size - 1)
            else -> fail("$name: unknown tamper op $op")
        }
        val text = lines.joinToString("") { "$it\n" }
        val err = if (op.has("expect_head_index")) {
            val loaded = Ledger.fromJsonl(text)
            assertThrows<OkrException.Tampered>("$name: $op") { loaded.verifyHead(ledger.head()) }
                .also { assertEquals(op.getLong("expect_head_index"), it.index, "$name: $op") }
        } else {
            assertThrows<OkrException.Tampered>("$name: $op") { Ledger.fromJsonl(text) }
                .also { assertEquals(op.getLong("expect_index"), it.index, "$name: $op") }
        }
        assertEquals("tampered", err.code)
    }

    private fun setPointer(root: JSONObject, pointer: String, value: Any) {
        val parts = pointer.split("/").drop(1).map { it.replace("~1", "/").replace("~0", "~") }
        var node: Any = root
        for (p in parts.dropLast(1)) node = if (node is JSONObject) node.get(p) else (node as JSONArray).get(p.toInt())
        val last = parts.last()
        if (node is JSONObject) node.put(last, value) else (node as JSONArray).put(last.toInt(), value)
    }

    @TestFactory
    fun classify() = each("classify") { name, v ->
        val statements = v.getJSONArray("statements")
        for (i in 0 until statements.length()) {
            val s = statements.getJSONObject(i)
            val hint = if (s.has("structure")) StructureHint.valueOf(s.getString("structure").uppercase()) else null
            val got = classify(s.getString("text"), hint)
            assertEquals(s.getString("kind"), got.kind.name.lowercase(), "$name[$i]: ${s.getString("text")}")
        }
    }

    /** The bad-input catalog (tests/vectors/bad): every file gives an error with its code, never a crash. */
    @TestFactory
    fun bad() = each("bad") { name, v ->
        val input = v.getJSONObject("input")
        val want: String? = if (v.isNull("expected_code")) null else v.getString("expected_code")
        // This API takes documents as JSON text, which cannot hold NaN or Infinity.
        assumeTrue(!input.has("inject"), "$name: NaN/Infinity injection needs a native document API; JSON text only here")
        val action: () -> Unit = when {
            v.optString("target") == "ledger" && input.has("steps") -> {
                { runSteps(name, input.getJSONArray("steps"), lastMustFailWith = want) }
            }
            v.optString("target") == "ledger" -> { { Ledger.fromJsonl(input.getString("text")) } }
            v.optString("target") == "table" -> { { readTable(java.util.Base64.getDecoder().decode(input.getString("bytes_base64"))) } }
            input.has("text") -> { { Org.fromJson(input.getString("text")) } }
            input.has("bytes_base64") -> { { Org.fromJsonBytes(java.util.Base64.getDecoder().decode(input.getString("bytes_base64"))) } }
            input.has("json") -> { { Org.fromJson(input.get("json").toString()) } }
            input.has("generate") -> { { Org.fromJson(generated(input.getJSONObject("generate"))) } }
            else -> fail("$name: unknown input $input")
        }
        if (v.optString("target") == "ledger" && input.has("steps")) {
            action()
        } else if (want == null) {
            action()
        } else {
            val e = assertThrows<OkrException>("$name: expected $want") { action() }
            val codes = listOf(e.code()) + e.problems().map { it.code }
            assertTrue(want in codes, "$name: expected $want, got ${e.message}")
            assertTrue(e !is OkrException.Internal, "$name: an internal error is a bug: ${e.message}")
        }
    }

    private fun generated(g: JSONObject): String {
        val head = """"schema_version":1,"cycles":[{"id":"q","name":"Q","start":"2026-01-01","end":"2026-03-31"}],"teams":[{"id":"t","name":"T"}]"""
        return when {
            g.has("alignment_chain") -> {
                val n = g.getInt("alignment_chain")
                val sb = StringBuilder("{$head,\"objectives\":[")
                for (i in 0 until n) {
                    if (i > 0) sb.append(',')
                    sb.append("""{"id":"o$i","title":"Objective $i","team":"t","cycle":"q"""")
                    if (i > 0) sb.append(""","aligned_to":{"objective":"o${i - 1}","how":"cascaded"}""")
                    sb.append('}')
                }
                sb.append("]}").toString()
            }
            g.has("title_bytes") -> {
                val title = "a".repeat(g.getInt("title_bytes"))
                """{$head,"objectives":[{"id":"o","title":"$title","team":"t","cycle":"q"}]}"""
            }
            else -> fail("unknown generator $g")
        }
    }
}
