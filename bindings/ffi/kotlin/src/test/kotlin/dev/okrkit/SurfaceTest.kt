package dev.okrkit

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/**
 * tests/vectors/surface/operations.json: every operation is in the Kotlin binding, or written down
 * under `missing.kotlin` with a reason. Names are the core's, in lowerCamelCase, on the same owner;
 * where Kotlin offers it under another name the mapping is written here, explicitly.
 */
class SurfaceTest {
    /** Core `owner.name` (or `name` at module level) -> Kotlin `Owner.member` (or `function`). */
    private val renamed = mapOf(
        "load" to "Org.fromJson",
        "lint" to "lintDocument",
        "calibrate" to "Org.calibrate",
        // No Document class: a document crosses as JSON text; these are its operations.
        "Document.from_json" to "Org.fromJson",
        "Document.to_json" to "Org.toJson",
        "Document.validate" to "validate",
        "Document.lint" to "lintDocument",
        "Document.org" to "Org.fromJson",
        "Document.json_schema" to "documentJsonSchema",
        "Org.document" to "Org.toJson",
        "Ledger.append" to "Ledger.appendJson",
        "Ledger.replay" to "Ledger.replayJson",
        "Ledger.document" to "Ledger.replayJson",
    )

    private fun camel(s: String) = s.split('_').mapIndexed { i, w -> if (i == 0) w else w.replaceFirstChar(Char::uppercase) }.joinToString("")

    private fun members(owner: String): Set<String> {
        val classes = if (owner.isEmpty()) listOf("dev.okrkit.Okrkit_ffiKt") else listOf("dev.okrkit.$owner", "dev.okrkit.$owner\$Companion")
        return classes.flatMap { name -> runCatching { Class.forName(name).methods.map { it.name } }.getOrDefault(emptyList()) }.toSet()
    }

    private fun has(target: String): Boolean {
        val owner = target.substringBeforeLast('.', "")
        return target.substringAfterLast('.') in members(owner)
    }

    @Test
    fun everyOperationIsThereOrWrittenDown() {
        val surface = JSONObject(File(Vectors.dir, "surface/operations.json").readText())
        val missing = surface.getJSONObject("missing").getJSONObject("kotlin")
        val ops = surface.getJSONArray("operations")
        val absent = mutableListOf<String>()
        val stale = mutableListOf<String>()
        for (i in 0 until ops.length()) {
            val op = ops.getJSONObject(i)
            val key = listOf(op.getString("owner"), op.getString("name")).filter { it.isNotEmpty() }.joinToString(".")
            val target = renamed[key] ?: listOf(op.getString("owner"), camel(op.getString("name"))).filter { it.isNotEmpty() }.joinToString(".")
            val there = has(target)
            if (!there && !missing.has(key)) absent += "$key (looked for $target)"
            if (there && missing.has(key)) stale += key
            if (missing.has(key)) assertTrue(missing.getString(key).isNotBlank(), "$key: a gap needs a reason")
        }
        assertEquals(emptyList<String>(), absent, "operations missing from Kotlin and not written down")
        assertEquals(emptyList<String>(), stale, "written down as missing but present")
    }
}
