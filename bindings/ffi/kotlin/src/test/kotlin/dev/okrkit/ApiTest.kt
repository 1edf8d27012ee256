package dev.okrkit

import dev.okrkit.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.Instant
import java.time.LocalDate

/** The typed surface and its error paths, beyond the shared vectors. */
class ApiTest {
    private val doc = """
        {"schema_version": 1,
         "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
         "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"}],
         "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}],
         "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
           "key_results": [{"id": "kr1", "title": "Checkout conversion > 65%",
             "measure": {"type": "metric", "baseline": 50, "target": 65}}]}]}
    """.trimIndent()
    private val ana = Actor("ana", "web")
    private val bo = Actor("bo", "shop")
    private fun t(s: String) = Instant.parse(s)

    @Test
    fun progressAsOfADate() {
        val org = Org.fromJson(
            doc.replace("\"objectives\"", "\"check_ins\": [{\"key_result\": \"kr1\", \"at\": \"2026-02-01T09:00:00Z\", \"value\": 53}], \"objectives\""),
        )
        val report = org.progress(ProgressOptions(asOf = LocalDate.parse("2026-02-15")))
        assertEquals(LocalDate.of(2026, 2, 15), report.asOf)
        val o = report.objectives.single()
        assertEquals(0.2, o.progress)
        assertEquals(ValueSource.CHECK_IN, o.keyResults.single().valueSource)
        assertEquals(PaceStatus.BEHIND, o.pace!!.status) // expected 46/90 of the cycle by Feb 15
        // Without a date: current values, no pace.
        assertNull(org.progress(ProgressOptions()).objectives.single().pace)
    }

    @Test
    fun progressTeamFilter() {
        val org = Org.fromJson(File(Vectors.dir, "../../examples/data/org.json").readText())
        val all = org.progress(ProgressOptions(asOf = LocalDate.parse("2026-02-15"))).objectives
        val web = org.progress(ProgressOptions(asOf = LocalDate.parse("2026-02-15"), team = "web")).objectives
        assertTrue(web.isNotEmpty())
        assertEquals(all.filter { it.team == "web" }, web)
        val e = assertThrows<OkrException> { org.progress(ProgressOptions(team = "no-such-team")) }
        assertEquals("dangling_reference", e.code())
        assertEquals("team", e.path())
    }

    @Test
    fun parseErrorIsTyped() {
        val e = assertThrows<OkrException.Parse> { Org.fromJson("{\"cycles\": [") }
        assertEquals("parse_error", e.code)
        assertTrue(e.line > 0L)
        assertEquals(listOf("parse_error"), e.problems().map { it.code })
    }

    @Test
    fun invalidDocumentListsEveryProblem() {
        val bad = doc.replace("\"target\": 65", "\"target\": 50").replace("\"team\": \"web\"", "\"team\": \"nope\"")
        val e = assertThrows<OkrException.Invalid> { Org.fromJson(bad) }
        assertEquals("invalid_document", e.code)
        val codes = e.problems().map { it.code }
        assertTrue("target_equals_baseline" in codes && "dangling_reference" in codes, codes.toString())
        assertEquals(codes, validate(bad).map { it.code })
        assertEquals(emptyList<Problem>(), validate(doc))
    }

    @Test
    fun badArgumentsAreTypedNotCrashes() {
        val org = Org.fromJson(doc)
        // Counts are signed: a negative one is a typed error, never a wrap-around.
        val negative = assertThrows<OkrException.InvalidArgument> { org.lint(LintOptions(maxObjectivesPerTeamCycle = -1)) }
        assertEquals("invalid_value", negative.code)
        assertEquals("max_objectives_per_team_cycle", negative.path)
        // The ledger rules' thresholds (R4, R7) too.
        for ((options, path) in listOf(
            LintOptions(maxRenegotiationsPerCycle = -1) to "max_renegotiations_per_cycle",
            LintOptions(dependencyAnswerDays = -1) to "dependency_answer_days",
        )) {
            val e = assertThrows<OkrException.InvalidArgument> { Ledger().lint(options) }
            assertEquals(listOf("invalid_value", path), listOf(e.code, e.path))
        }
        val cycle = assertThrows<OkrException.InvalidArgument> { org.scoreCycle("q9") }
        assertEquals("dangling_reference", cycle.code)
        // An unknown cycle is an error in progress too, never an empty report.
        val unknown = assertThrows<OkrException.InvalidArgument> { org.progress(ProgressOptions(cycle = "no-such-cycle")) }
        assertEquals("dangling_reference", unknown.code)
        assertEquals("cycle", unknown.path)
        // A misspelt rule code is an error, never a setting that does nothing.
        val rule = assertThrows<OkrException.InvalidArgument> {
            org.lint(LintOptions(rules = mapOf("stale_key_results" to RuleLevel.OFF)))
        }
        assertEquals("invalid_value", rule.code)
        val far = assertThrows<OkrException.InvalidArgument> {
            Ledger().importDocument(Instant.parse("+300000-01-01T00:00:00Z"), ana, doc)
        }
        assertEquals("at", far.path)
    }

    @Test
    fun classifyOutcomeAndOutput() {
        assertEquals(StatementKind.OUTCOME, classify("Checkout conversion rate > 65%").kind)
        val out = classify("Build a tool to remind people of their shopping cart")
        assertEquals(StatementKind.OUTPUT, out.kind)
        assertTrue(out.suggestion!!.contains("initiatives"))
        assertTrue(out.signals.isNotEmpty() && out.confidence > 0.5)
        assertEquals(StatementKind.OUTPUT, classify("Payments v2", StructureHint.MILESTONE).kind)
        val mine = Classifier(VocabularySpec(metricNouns = listOf("bookings")))
        assertEquals(StatementKind.OUTCOME, mine.classify("Grow weekly bookings from 120 to 200").kind)
        // Words are added to the English lists unless replace = true.
        assertEquals(StatementKind.OUTCOME, mine.classify("Reduce churn from 4% to 2%").kind)
        // The vocabulary reads back as the spec that builds it again (every list, replace = true).
        val spec = mine.vocabulary()
        assertTrue(spec.replace && spec.metricNouns!!.let { it.contains("bookings") && it.contains("churn") })
        assertEquals(spec, Classifier(spec).vocabulary())
        // The core's VocabularySpec whole: outcome hints too (a list left out is not given).
        val hinted = Classifier(VocabularySpec(outcomeHints = listOf(OutcomeHint(listOf("cart"), "abandoned-cart recovery"))))
        assertTrue(hinted.classify("Build a tool to remind people of their shopping cart").suggestion!!.contains("abandoned-cart recovery"))
        assertEquals(StatementKind.UNDETERMINED, classify("Be great").kind)
    }

    @Test
    fun lintTheExampleOrganisation() {
        val json = File(Vectors.dir, "../../examples/data/org.json").readText()
        val report = Org.fromJson(json).lint(LintOptions(asOf = LocalDate.parse("2026-03-20")))
        assertTrue(report.findings.isNotEmpty())
        assertEquals(report.findings.count { it.severity == Severity.WARNING }, report.warnings)
        // Findings name the key result, objective, team and cycle their path points into.
        val hire = report.findings.first { it.code == "output_key_result" && it.location.keyResult == "mob-hire" }
        assertEquals("mobile", hire.location.team)
        assertEquals("2026-Q1", hire.location.cycle)
        val off = lintDocument(json, LintOptions(rules = report.findings.associate { it.code to RuleLevel.OFF }))
        assertEquals(0, off.findings.size)
    }

    @Test
    fun renegotiationRefusedThenAccepted() {
        val ledger = Ledger()
        val members = listOf(Membership("web", "ana"), Membership("shop", "bo"))
        ledger.importDocument(t("2026-01-02T09:00:00Z"), ana, doc, members = members)
        assertEquals(listOf("bo"), ledger.members("shop"))
        ledger.proposeSet(t("2026-01-03T09:00:00Z"), ana, "web", "q1")
        ledger.agree(t("2026-01-04T09:00:00Z"), bo, "web", "q1")
        assertEquals(SetStatus.AGREED, ledger.setStatus("web", "q1"))
        ledger.checkIn(t("2026-01-20T09:00:00Z"), ana, "kr1", 53.0, confidence = 7.0)

        val p = ledger.proposeChange(t("2026-02-01T09:00:00Z"), ana, Change.Target("kr1", 60.0), "the payment migration slipped")
        assertEquals("propose_change", p.actionType)
        val before = ledger.toJsonl()
        val own = assertThrows<OkrException.Refused> { ledger.accept(t("2026-02-01T10:00:00Z"), ana, p.id) }
        assertEquals("not_allowed", own.code)
        assertEquals(before, ledger.toJsonl())
        val late = assertThrows<OkrException.Refused> { ledger.checkIn(t("2026-01-01T00:00:00Z"), ana, "kr1", 54.0) }
        assertEquals("out_of_order", late.code)

        ledger.accept(t("2026-02-02T09:00:00Z"), bo, p.id)
        assertEquals(ProposalStatus.ACCEPTED, ledger.proposals().single().status)
        val last = ledger.history("kr1").last()
        assertEquals(KeyResultEvent.RENEGOTIATED, last.event)
        assertEquals("the payment migration slipped", last.reason)
        assertEquals(60.0, (last.measure as Measure.Metric).target)
        // As of January the agreed target still holds; progress now uses the new one.
        assertTrue(ledger.replayJson(t("2026-01-31T00:00:00Z")).contains("\"target\":65.0"))
        assertEquals(0.3, ledger.org(null).progress(ProgressOptions()).objectives.single().progress)

        val q = ledger.proposeChange(t("2026-02-03T09:00:00Z"), bo, Change.KeyResultWording("kr1", "Conversion > 60%"), "clearer")
        assertEquals(listOf(q.id), ledger.proposals(openOnly = true).map { it.id })
        assertEquals(ProposalStatus.OPEN, ledger.proposal(q.id)?.status)
        ledger.decline(t("2026-02-04T09:00:00Z"), ana, q.id, "keep it")
        assertEquals(emptyList<Proposal>(), ledger.openProposals())
        assertEquals(emptyList<Proposal>(), ledger.proposals(openOnly = true))
        assertEquals(ProposalStatus.DECLINED, ledger.proposal(q.id)?.status)
        assertNull(ledger.proposal("e99"))
        val unknown = assertThrows<OkrException.InvalidArgument> { ledger.history("kr9") }
        assertEquals("unknown_key_result", unknown.code)
        val malformed = assertThrows<OkrException.Parse> { ledger.appendJson(t("2026-02-05T09:00:00Z"), ana, "{\"type\": \"nope\"}") }
        assertEquals("parse_error", malformed.code)

        // Verified, stored, reloaded, tampered with.
        assertEquals(ledger.length(), ledger.verify().entries.toLong())
        val head = ledger.head()
        val lines = ledger.toJsonl()
        assertEquals(head, Ledger.fromJsonl(lines).head())
        val edited = lines.replace("\"value\":53.0", "\"value\":63.0")
        val t1 = assertThrows<OkrException.Tampered> { Ledger.fromJsonl(edited) }
        assertEquals("tampered", t1.code)
        assertEquals(3L, t1.index)
        val cut = Ledger.fromJsonl(lines.lines().take(3).joinToString("\n", postfix = "\n"))
        assertThrows<OkrException.Tampered> { cut.verifyHead(head) }
        // Text that is not a head is a parse error at the argument's own name, not a tamper alarm.
        val notAHead = assertThrows<OkrException> { cut.verifyHead(head = head.uppercase()) }
        assertEquals("parse_error" to "head", notAHead.code() to notAHead.path())
        assertNotNull(ledger.entries().last().json)
    }

    @Test
    fun scoresAndBands() {
        assertEquals(Band.GREEN, scoreBand(0.7))
        assertEquals(Band.RED, scoreBand(0.3))
        // A score is a number from 0 to 1: NaN is an error, never red.
        assertEquals("not_finite", assertThrows<OkrException.InvalidArgument> { scoreBand(Double.NaN) }.code)
        assertEquals("invalid_value", assertThrows<OkrException.InvalidArgument> { scoreBand(1.5) }.code)
        val org = Org.fromJson(doc)
        val report = org.scoreCycle("q1")
        assertEquals(Verdict.STRETCH_SHORT, report.objectives.single().verdict)
        assertEquals(1, org.scoreAll().size)
    }

    @Test
    fun retrospectivesAreRecords() {
        // The shared vector's ledger, whose last step (a committed objective closing short
        // without saying why) is refused; with an explanation it is recorded.
        val v = org.json.JSONObject(File(Vectors.dir, "bad/ledger_retrospective_without_explanation.json").readText())
        val steps = v.getJSONObject("input").getJSONArray("steps")
        val ledger = Ledger()
        for (i in 0 until steps.length() - 1) appendStep(ledger, steps.getJSONObject(i))
        assertEquals(emptyList<Retrospective>(), ledger.retrospectives())
        val last = steps.getJSONObject(steps.length() - 1)
        val refused = assertThrows<OkrException.Refused> { appendStep(ledger, last) }
        assertEquals("invalid_change", refused.code)
        last.getJSONObject("action").getJSONObject("answers").put("explanation", "The launch slipped a month")
        appendStep(ledger, last)
        val r = ledger.retrospectives().single()
        assertEquals("o1", r.objective)
        assertEquals(Verdict.EXPLANATION_REQUIRED, r.verdict)
        assertEquals("The launch slipped a month", r.answers.explanation)
        assertEquals(t("2026-04-01T09:00:00Z"), r.at)
    }

    @Test
    fun draftAndEditObjectiveWriteWhatAppendJsonWrites() {
        // The governance vector drafts and edits objectives: through the typed methods (the
        // objective read by the core from the step's JSON), its pinned head hash must hold.
        val v = org.json.JSONObject(File(Vectors.dir, "ledger/governance_and_renegotiation.json").readText())
        val before = typedObjectiveSteps
        val ledger = runSteps("governance_and_renegotiation", v.getJSONArray("steps"))
        assertTrue(typedObjectiveSteps - before >= 4, "${typedObjectiveSteps - before} typed objective steps")
        assertEquals(v.getJSONObject("expect").getString("head"), ledger.head())
    }
}
