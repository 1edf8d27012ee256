package dev.okrkit

import dev.okrkit.core.*
import org.json.JSONObject

/**
 * Appends one vector step. The actions the typed API covers (generated from the core's Action)
 * go through their typed methods (checkIn, proposeChange, accept, addMember, retrospective, …);
 * the rest (import, new cycles, teams, people, initiatives, objectives written as JSON) through
 * appendJson, in the core's wire format.
 * Either way the entry must hash the same: the vectors pin the head hash.
 */
fun appendStep(ledger: Ledger, step: JSONObject): Entry {
    val at = instant(step.getString("at"))
    val actor = actorOf(step.getJSONObject("actor"))
    // An action that is not an object cannot be a typed call: it reaches the core as JSON text,
    // the one way such input can come from Kotlin.
    val a = step.get("action") as? JSONObject ?: return ledger.appendJson(at, actor, step.get("action").toString())
    fun str(k: String) = a.getString(k)
    fun optStr(k: String): String? = if (a.has(k) && !a.isNull(k)) a.getString(k) else null
    fun num(k: String): Double = java.lang.Double.parseDouble(a.get(k).toString())
    return when (a.getString("type")) {
        "check_in" -> ledger.checkIn(
            at, actor, str("key_result"), num("value"),
            if (a.has("confidence")) num("confidence") else null, optStr("note"),
        )
        "propose_set" -> ledger.proposeSet(at, actor, str("team"), str("cycle"), optStr("approver"))
        "agree" -> ledger.agree(at, actor, str("team"), str("cycle"))
        "request_changes" -> ledger.requestChanges(
            at, actor, str("team"), str("cycle"),
            a.getJSONArray("questions").map { ReviewQuestion.valueOf((it as String).uppercase()) },
            str("comment"),
        )
        "feedback" -> ledger.feedback(at, actor, str("team"), str("cycle"), str("text"), optStr("key_result"))
        "accept" -> ledger.accept(at, actor, str("proposal"))
        "decline" -> ledger.decline(at, actor, str("proposal"), str("reason"))
        "withdraw" -> ledger.withdraw(at, actor, str("proposal"))
        "add_member" -> ledger.addMember(at, actor, str("team"), str("person"))
        "remove_member" -> ledger.removeMember(at, actor, str("team"), str("person"))
        "grant_admin" -> ledger.grantAdmin(at, actor, str("person"))
        "revoke_admin" -> ledger.revokeAdmin(at, actor, str("person"))
        "assign_approver" -> ledger.assignApprover(at, actor, str("team"), str("cycle"), str("approver"))
        "enroll_key" -> ledger.enrollKey(at, actor, str("person"), str("public_key"))
        "revoke_key" -> ledger.revokeKey(at, actor, str("person"))
        "remove_objective" -> ledger.removeObjective(at, actor, str("objective"))
        "kill_initiative" -> ledger.killInitiative(at, actor, str("initiative"), str("reason"))
        "finish_initiative" -> ledger.finishInitiative(at, actor, str("initiative"))
        "request_dependency" -> ledger.requestDependency(at, actor, str("to"), str("help"), str("objective"), optStr("key_result"))
        "accept_dependency" -> ledger.acceptDependency(at, actor, str("dependency"))
        "decline_dependency" -> ledger.declineDependency(at, actor, str("dependency"), str("reason"))
        "escalate_dependency" -> ledger.escalateDependency(at, actor, str("dependency"))
        "decide_dependency" -> ledger.decideDependency(at, actor, str("dependency"), a.getBoolean("grant"), str("reason"))
        "retrospective" -> a.getJSONObject("answers").let { r ->
            fun ans(k: String) = r.getString(k)
            val carry = r.optJSONArray("carry_over")?.let { arr -> (0 until arr.length()).map { arr.getString(it) } } ?: emptyList()
            ledger.retrospective(
                at, actor, str("objective"),
                RetrospectiveAnswers(
                    ans("what_happened"), ans("why"), ans("right_okrs"), ans("measurable"),
                    ans("value_to_company"), ans("value_to_customers"), carry,
                    if (r.has("explanation") && !r.isNull("explanation")) r.getString("explanation") else null,
                ),
            )
        }
        "draft_objective" -> typedObjective(ledger, a.getJSONObject("objective"))
            ?.let { ledger.draftObjective(at, actor, it) }
            ?: ledger.appendJson(at, actor, a.toString())
        "edit_objective" -> typedObjective(ledger, a.getJSONObject("objective"))
            ?.let { ledger.editObjective(at, actor, it) }
            ?: ledger.appendJson(at, actor, a.toString())
        "propose_change" -> (a.get("change") as? JSONObject)?.let(::typedChange)
            ?.let { ledger.proposeChange(at, actor, it, str("reason")) }
            ?: ledger.appendJson(at, actor, a.toString())
        "counter" -> (a.get("change") as? JSONObject)?.let(::typedChange)
            ?.let { ledger.counter(at, actor, str("proposal"), it, str("reason")) }
            ?: ledger.appendJson(at, actor, a.toString())
        else -> ledger.appendJson(at, actor, a.toString())
    }
}

/** How many steps went through `draftObjective` / `editObjective` (a test checks some did). */
var typedObjectiveSteps = 0

/**
 * The step's objective as the typed record, read by the core itself (no defaults written here):
 * the ledger's current document with this objective in place of (or added to) its own, loaded as
 * an `Org`, then `objective(id)`. Null when that document is not valid (before the import, or an
 * objective the vector expects to be refused): the step then goes through appendJson.
 */
fun typedObjective(ledger: Ledger, o: JSONObject): Objective? = runCatching {
    val doc = JSONObject(ledger.replayJson(null))
    val id = o.getString("id")
    val objectives = org.json.JSONArray()
    val current = doc.optJSONArray("objectives") ?: org.json.JSONArray()
    for (i in 0 until current.length()) {
        if (current.getJSONObject(i).getString("id") != id) objectives.put(current.getJSONObject(i))
    }
    objectives.put(o)
    doc.put("objectives", objectives)
    // Check-ins of a key result the edit drops would dangle; the objective is all that is read.
    doc.remove("check_ins")
    Org.fromJson(doc.toString()).objective(id)
}.getOrNull()?.also { typedObjectiveSteps++ }

/** The typed Change for the simple kinds; null for those carrying a whole key result / objective. */
fun typedChange(c: JSONObject): Change? {
    fun num(k: String): Double = java.lang.Double.parseDouble(c.get(k).toString())
    return when (c.getString("kind")) {
        "target" -> Change.Target(c.getString("key_result"), num("target"))
        "baseline" -> Change.Baseline(c.getString("key_result"), num("baseline"))
        "key_result_wording" -> Change.KeyResultWording(c.getString("key_result"), c.getString("title"))
        "objective_wording" -> Change.ObjectiveWording(c.getString("objective"), c.getString("title"))
        "weight" -> Change.Weight(c.getString("key_result"), num("weight"))
        "drop_key_result" -> Change.DropKeyResult(c.getString("key_result"))
        "move_objective" -> Change.MoveObjective(c.getString("objective"), c.getString("cycle"))
        "retire_objective" -> Change.RetireObjective(c.getString("objective"))
        else -> null
    }
}

/**
 * Runs steps: without `expect_error` (or, with `failLast`, every step but the last) the append
 * must succeed; a failing step must throw that code and leave the JSON Lines unchanged.
 */
fun runSteps(name: String, steps: org.json.JSONArray, lastMustFailWith: String? = null): Ledger {
    val ledger = Ledger()
    for (i in 0 until steps.length()) {
        val step = steps.getJSONObject(i)
        val want = when {
            lastMustFailWith != null && i == steps.length() - 1 -> lastMustFailWith
            step.has("expect_error") && !step.isNull("expect_error") -> step.getString("expect_error")
            else -> null
        }
        val before = ledger.toJsonl()
        try {
            val entry = appendStep(ledger, step)
            if (want != null) throw AssertionError("$name step $i: expected $want, got entry ${entry.id}")
        } catch (e: OkrException) {
            if (want == null) throw AssertionError("$name step $i: refused: ${e.message}", e)
            val codes = listOf(e.code()) + e.problems().map { it.code }
            org.junit.jupiter.api.Assertions.assertTrue(want in codes, "$name step $i: expected $want, got ${e.message}")
            org.junit.jupiter.api.Assertions.assertEquals(before, ledger.toJsonl(), "$name step $i: a refused action changed the ledger")
        }
    }
    return ledger
}
