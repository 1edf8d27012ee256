package dev.okrkit

import dev.okrkit.core.*
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.Instant
import java.time.LocalDate

/** What an app developer expects (issue 20): each test has its twin in swift/LinuxTest/main.swift. */
class MobileTest {
    private val doc = """
        {"schema_version": 1,
         "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
         "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"}],
         "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}],
         "check_ins": [{"key_result": "kr1", "at": "2026-02-01T09:00:00Z", "value": 53}],
         "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
           "key_results": [{"id": "kr1", "title": "Checkout conversion > 65%",
             "measure": {"type": "metric", "baseline": 50, "target": 65}}]}]}
    """.trimIndent()
    private val ana = Actor("ana", "web")

    /** A document with `n` objectives of 5 key results each; `bad` makes every key result break a rule. */
    private fun big(n: Int, bad: Boolean = false): String {
        val objectives = (0 until n).joinToString(",") { i ->
            val krs = (0 until 5).joinToString(",") { k ->
                val target = if (bad) 10 else 20
                """{"id": "k$i-$k", "title": "Grow weekly orders $i-$k from 10 to 20", "measure": {"type": "metric", "baseline": 10, "target": $target}}"""
            }
            """{"id": "o$i", "title": "Objective $i", "team": "web", "cycle": "q1", "key_results": [$krs]}"""
        }
        return """{"schema_version": 1, "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
            "teams": [{"id": "web", "name": "Web"}], "objectives": [$objectives]}"""
    }

    // 1. One error base: code, path, detail, problems, a short message.
    @Test
    fun errorBaseHasCodePathDetailAndAShortMessage() {
        val e: OkrException = assertThrows<OkrException> { Org.fromJson(big(180, bad = true)) }
        assertEquals("invalid_document", e.code())
        assertEquals(900, e.problems().size)
        assertEquals(e.problems().first().path, e.path())
        assertTrue(e.detail().startsWith("the document has 900 problems; first: "), e.detail())
        val message = e.message!!
        assertTrue(message.length < 600, "message is ${message.length} characters: $message")
        assertTrue(message.contains("problems=900 problems"), message)
        // The same questions on every kind of error, without a `when`.
        val parse = assertThrows<OkrException> { Org.fromJson("{") }
        assertEquals(listOf("parse_error", "parse_error"), listOf(parse.code(), parse.problems().single().code))
        val refused = assertThrows<OkrException> { Ledger().checkIn(Instant.EPOCH, ana, "kr1", 1.0) }
        assertTrue(refused is OkrException.Refused && refused.problems().isEmpty())
        assertEquals(refused.code(), (refused as OkrException.Refused).code)
    }

    // 2. A lone surrogate never escapes as MalformedInputException: it reaches okrkit as U+FFFD.
    @Test
    fun loneSurrogateIsReplacedNotThrown() {
        val cut = "Grow 😀".take(6) // the emoji cut in half: a lone high surrogate
        assertTrue(Character.isHighSurrogate(cut.last()))
        val c = classify(cut)
        assertNotNull(c.kind)
        val org = Org.fromJson(doc.replace("World-class checkout", "Checkout $cut"))
        assertEquals("Checkout Grow \uFFFD", org.objective("o1")!!.title)
        assertEquals(listOf<Problem>(), validate(doc.replace("Ana", cut)))
    }

    // 3. Signed counts, immutable records, LocalDate for dates, Instant for instants.
    @Test
    fun signedCountsImmutableRecordsAndDates() {
        val org = Org.fromJson(doc)
        val count: Long = org.keyResultCount()
        val report = org.progress(ProgressOptions(asOf = LocalDate.of(2026, 2, 15)))
        val counted: Int = report.objectives.single().counted
        assertEquals(1L, count)
        assertEquals(1, counted)
        val asOf: LocalDate? = report.asOf
        assertEquals(LocalDate.of(2026, 2, 15), asOf)
        for (cls in listOf(ProgressOptions::class.java, ObjectiveProgress::class.java, LintOptions::class.java)) {
            assertTrue(cls.methods.none { it.name.startsWith("set") }, "$cls has setters")
        }
        val at: Instant = Ledger().importDocument(Instant.parse("2026-01-02T09:00:00Z"), ana, doc).at
        assertEquals(Instant.parse("2026-01-02T09:00:00Z"), at)
        val negative = assertThrows<OkrException.InvalidArgument> { inclusionProof(Ledger(), "o", -1L) }
        assertEquals("index", negative.path)
    }

    // 4. Suspend variants run off the caller's thread, and withTimeout interrupts the wait.
    @Test
    fun suspendVariantsDoNotBlockTheCaller() = runBlocking {
        val json = big(2000) // 10,000 key results
        val sync = Org.fromJson(doc).progress(ProgressOptions())
        assertEquals(sync, loadOrgAsync(doc).progressAsync(ProgressOptions()))
        // runBlocking is one thread, and UNDISPATCHED runs the call at once on it: had the load
        // blocked, it would be complete before the loop, and no tick could run meanwhile.
        var ticks = 0
        val load = async(start = CoroutineStart.UNDISPATCHED) { loadOrgAsync(json) }
        while (!load.isCompleted) {
            ticks++
            delay(1)
        }
        val org = load.await()
        assertEquals(10_000L, org.keyResultCount())
        assertTrue(ticks > 0, "the caller's thread was blocked")
        assertThrows<TimeoutCancellationException> { runBlocking { withTimeout(1) { loadOrgAsync(json) } } }
        assertEquals(1, org.scoreAllAsync().size)
        assertEquals(10_000, org.healthAsync("q1", HealthOptions()).organisation.keyResults)
        assertTrue(org.lintAsync(LintOptions()).findings.isNotEmpty())
        val e = assertThrows<OkrException.Parse> { runBlocking { loadOrgAsync("{") } }
        assertEquals("parse_error", e.code())
        val ledger = loadLedgerAsync(File(Vectors.dir, "../../examples/data/ledger.jsonl").readText())
        assertEquals(ledger.length(), ledger.verifyAsync().entries.toLong())
        assertEquals(ledger.org(null).keyResultCount(), ledger.orgAsync(null).keyResultCount())
    }

    // 5. Titles and names without parsing the JSON again.
    @Test
    fun titlesTeamsAndCycles() {
        val org = Org.fromJson(doc)
        assertEquals(listOf("q1"), org.cycles())
        assertEquals(listOf("shop", "web"), org.teams())
        // Options left out are the core's defaults (the core's records; methods generated from OrgQuery).
        assertEquals(org.lint(LintOptions()), org.lint())
        assertEquals(org.health("q1", HealthOptions(staleAfterDays = 14u)), org.health("q1"))
        assertEquals("World-class checkout", org.objective("o1")!!.title)
        assertEquals("Checkout conversion > 65%", org.objective("o1")!!.keyResults.single().title)
        assertEquals("Checkout conversion > 65%", org.keyResultTitle("kr1"))
        assertNull(org.objective("nope"))
        val report = org.progress(ProgressOptions())
        assertEquals("World-class checkout", report.objectives.single().title)
        assertEquals(report.objectives.single(), report.objective("o1"))
        assertNull(report.objective("nope"))
    }

    // 6. The operations Rust and Python have.
    @Test
    fun healthProgressOverClassifyManyLedgerLintAndFromEntries() {
        val org = Org.fromJson(doc)
        val health = org.health("q1", HealthOptions(asOf = LocalDate.of(2026, 2, 15)))
        assertEquals(1, health.organisation.keyResults)
        assertEquals(1, health.organisation.checkIns)
        assertEquals("dangling_reference", assertThrows<OkrException.InvalidArgument> { org.health("q9", HealthOptions()) }.code)
        val dates = listOf(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 2, 15))
        val over = org.progressOver(dates, ProgressOptions())
        assertEquals(dates, over.map { it.asOf })
        assertEquals(0.0, over[0].objectives.single().progress) // no check-in yet on 15 January: the baseline
        assertEquals(0.2, over[1].objectives.single().progress)
        // The dates set asOf: one given in the options is an error, not ignored.
        val e = assertThrows<OkrException.InvalidArgument> { org.progressOver(dates, ProgressOptions(asOf = LocalDate.of(2026, 1, 1))) }
        assertEquals("as_of", e.path())
        val many = classifyMany(listOf("Publish 8 articles", "Grow weekly orders from 10 to 20"))
        assertEquals(listOf(StatementKind.OUTPUT, StatementKind.OUTCOME), many.map { it.kind })
        assertEquals(many, Classifier(VocabularySpec()).classifyMany(listOf("Publish 8 articles", "Grow weekly orders from 10 to 20")))
        // The kinds alone (the core's kind_of): the same kinds as classifyMany, "Be great" undetermined.
        assertEquals(
            listOf(StatementKind.OUTPUT, StatementKind.OUTCOME, StatementKind.UNDETERMINED),
            Classifier(VocabularySpec()).classifyKinds(listOf("Publish 8 articles", "Grow weekly orders from 10 to 20", "Be great")),
        )
        // One structure hint per statement (the core's `structures`), as in Python and Node.
        val hinted = classifyMany(listOf("Payments v2", "Checkout conversion rate"), structures = listOf(StructureHint.MILESTONE, StructureHint.METRIC))
        assertEquals(listOf(classify("Payments v2", StructureHint.MILESTONE), classify("Checkout conversion rate", StructureHint.METRIC)), hinted)
        val wrong = assertThrows<OkrException.InvalidArgument> { classifyMany(listOf("a", "b"), structures = listOf(StructureHint.METRIC)) }
        assertEquals("structures", wrong.path())

        val ledger = Ledger.fromJsonl(File(Vectors.dir, "../../examples/data/ledger.jsonl").readText())
        val again = Ledger.fromEntries(ledger.entries())
        assertEquals(ledger.head(), again.head())
        val tampered = ledger.entries().mapIndexed { i, e -> if (i == 1) e.copy(json = e.json.replace("\"at\":\"", "\"at\":\"1")) else e }
        val err = assertThrows<OkrException> { Ledger.fromEntries(tampered) }
        assertTrue(err.code() in setOf("parse_error", "tampered"), err.code())
        // An entry's `at` is a plain timestamp: an app's out-of-range instant is lifted without an
        // internal error (fromEntries reads each entry's json, so the ledger still verifies).
        val farFuture = ledger.entries().map { it.copy(at = Instant.MAX) }
        assertEquals(ledger.head(), Ledger.fromEntries(farFuture).head())
        assertTrue(ledger.lint(LintOptions()).findings.all { it.code.isNotEmpty() })
        // R4's threshold is the app's to set: at 0, every accepted renegotiation is reported.
        assertEquals(0, ledger.lint(LintOptions()).findings.count { it.code == "renegotiated_often" })
        assertTrue(ledger.lint(LintOptions(maxRenegotiationsPerCycle = 0)).findings.any { it.code == "renegotiated_often" })
        val lh = ledger.health(ledger.org(null).cycles().first(), HealthOptions())
        assertTrue(lh.organisation.keyResults > 0)

        val csv = "objective,team,cycle,key_result,title,type,baseline,target,current\no1,web,2026-Q1,k1,Grow orders from 10 to 20,metric,10,20,15\n"
        val imported = readTable(csv.toByteArray())
        assertEquals(listOf<Problem>(), imported.problems)
        assertEquals(1L, loadCsv(csv.toByteArray()).keyResultCount())
        val unknown = assertThrows<OkrException> { readTable(csv.toByteArray(), "{\"separatr\": \";\"}") }
        assertTrue(unknown.detail().contains("separatr"), unknown.detail())
    }

    // 7. Short advice for a phone card; no confident kind without evidence.
    @Test
    fun shortAdviceAndNotEnoughEvidence() {
        val out = classify("Build a tool to remind people of their shopping cart")
        assertTrue(out.suggestion!!.length > 80)
        assertTrue(out.shortSuggestion()!!.length <= 80 && !out.shortSuggestion()!!.contains("R1"), out.shortSuggestion())
        for (text in listOf("", "   ", "🚀🚀🎉")) {
            val c = classify(text)
            assertEquals(StatementKind.UNDETERMINED, c.kind, text)
            assertEquals(0.5, c.confidence)
            assertTrue(c.shortSuggestion()!!.startsWith("Not enough evidence"), c.shortSuggestion())
        }
        assertNull(classify("Grow weekly orders from 10 to 20").shortSuggestion())
    }

    // 8. 100 concurrent coroutines appending: checkInNow stamps the time under the lock.
    @Test
    fun hundredConcurrentCheckInsAreNeverOutOfOrder() = runBlocking {
        val ledger = Ledger()
        ledger.importDocument(Instant.now().minusSeconds(60), ana, doc, members = listOf(Membership("web", "ana")))
        val before = ledger.length()
        (1..100).map { i -> async(Dispatchers.Default) { ledger.checkInNow(ana, "kr1", 50.0 + i % 15) } }.awaitAll()
        assertEquals(before + 100, ledger.length())
        assertEquals(ledger.length(), ledger.verify().entries.toLong())
        val times = ledger.entries().map { it.at }
        assertEquals(times.sorted(), times)
    }

    // 9. A signed ledger written from the phone: each entry signed with its actor's key (R4).
    @Test
    fun signedEntriesAndAKeyAnAdminReplaced() {
        val (anaKey, boKey, adminsOwn) = listOf(1, 2, 9).map { b -> ByteArray(32) { b.toByte() } }
        val bo = Actor("bo", "shop")
        val t0 = Instant.now().minusSeconds(60)
        val at = { s: Long -> t0.plusSeconds(s) }
        val ledger = Ledger()
        ledger.importDocument(
            at(0), bo, doc, members = listOf(Membership("web", "ana"), Membership("shop", "bo")),
            keys = listOf(EnrolledKey("ana", publicKeyHex(anaKey)), EnrolledKey("bo", publicKeyHex(boKey))),
            signedLedger = true, secretKey = boKey,
        )
        assertTrue(ledger.isSigned())
        assertEquals(listOf("bo"), ledger.admins()) // the importing person
        assertEquals(listOf("ana"), ledger.members("web"))
        // Unsigned, or signed with someone else's key: refused, the ledger unchanged.
        assertEquals("bad_signature", assertThrows<OkrException> { ledger.checkIn(at(1), ana, "kr1", 55.0) }.code())
        assertEquals("bad_signature", assertThrows<OkrException> { ledger.checkIn(at(1), ana, "kr1", 55.0, secretKey = boKey) }.code())
        val short = assertThrows<OkrException.InvalidArgument> { ledger.checkIn(at(1), ana, "kr1", 55.0, secretKey = ByteArray(31)) }
        assertEquals(listOf("invalid_value", "secret_key"), listOf(short.code(), short.path()))
        assertEquals(1L, ledger.length())
        ledger.appendJson(at(1), ana, """{"type": "check_in", "key_result": "kr1", "value": 55}""", secretKey = anaKey)
        assertEquals(0, ledger.lint(LintOptions()).findings.count { it.code == "key_replaced_by_admin" })
        // The admin revokes Ana's key and enrols one the admin holds: allowed, and reported.
        ledger.revokeKey(at(2), bo, "ana", secretKey = boKey)
        ledger.enrollKey(at(3), bo, "ana", publicKeyHex(adminsOwn), secretKey = boKey)
        ledger.checkIn(at(4), ana, "kr1", 57.0, secretKey = adminsOwn)
        ledger.checkInNow(ana, "kr1", 58.0, secretKey = adminsOwn)
        val found = ledger.lint(LintOptions()).findings.filter { it.code == "key_replaced_by_admin" }
        assertEquals(listOf("entries[3]"), found.map { it.path })
        // The signatures travel with the JSON Lines: another device verifies them.
        assertEquals(ledger.head(), Ledger.fromJsonl(ledger.toJsonl()).head())
    }
}
