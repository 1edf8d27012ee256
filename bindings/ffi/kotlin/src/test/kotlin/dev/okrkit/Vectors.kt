package dev.okrkit

import dev.okrkit.core.*
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import java.io.File
import java.lang.reflect.Modifier
import java.math.BigDecimal
import java.math.BigInteger
import java.time.Instant

/** The shared vectors (tests/vectors), located by Surefire's `okrkit.vectors` property. */
object Vectors {
    val dir: File = File(System.getProperty("okrkit.vectors") ?: "../../../tests/vectors")

    /** Every `*.json` in a sub-folder, sorted by name; empty when the folder does not exist yet. */
    fun load(sub: String): List<Pair<String, JSONObject>> {
        val files = File(dir, sub).listFiles { f -> f.isFile && f.name.endsWith(".json") } ?: return emptyList()
        return files.sortedBy { it.name }.map { it.nameWithoutExtension to JSONObject(it.readText()) }
    }
}

/** org.json values as plain Kotlin values; every number a Double parsed from its decimal text. */
fun plain(v: Any?): Any? = when (v) {
    null, JSONObject.NULL -> null
    is JSONObject -> v.keySet().associateWith { plain(v.get(it)) }
    is JSONArray -> (0 until v.length()).map { plain(v.get(it)) }
    is BigDecimal -> java.lang.Double.parseDouble(v.toString())
    is BigInteger -> v.toDouble()
    is Number -> v.toDouble()
    else -> v
}

fun parseJson(text: String): Any? = plain(org.json.JSONTokener(text).nextValue())

private val tagOf = mapOf("Measure" to "type", "Change" to "kind")

private fun snake(name: String): String =
    name.replace(Regex("([a-z0-9])([A-Z])"), "$1_$2").lowercase()

/**
 * A generated record / enum as the core's JSON would show it: fields in snake_case, enums as
 * snake_case strings, sealed-class variants tagged (`type` for Measure, `kind` for Change),
 * an ObjectiveType field named `type`, instants in RFC 3339. Only reads what the typed API returned.
 */
fun toPlain(v: Any?): Any? = when (v) {
    null -> null
    is String, is Boolean -> v
    is Double -> v
    is Float -> v.toDouble()
    is Number -> v.toDouble()
    is UInt -> v.toDouble()
    is ULong -> v.toDouble()
    is Enum<*> -> v.name.lowercase()
    is Instant -> v.toString()
    is java.time.LocalDate -> v.toString()
    is List<*> -> v.map { toPlain(it) }
    is Map<*, *> -> v.entries.associate { it.key.toString() to toPlain(it.value) }
    else -> {
        val out = LinkedHashMap<String, Any?>()
        val parent = v.javaClass.superclass
        if (parent != null && parent.simpleName in tagOf) {
            out[tagOf.getValue(parent.simpleName)] = snake(v.javaClass.simpleName)
        }
        for (f in v.javaClass.declaredFields) {
            if (Modifier.isStatic(f.modifiers) || f.isSynthetic) continue
            f.isAccessible = true
            val value = f.get(v)
            val name = if (value is ObjectiveType) "type" else snake(f.name)
            out[name] = toPlain(value)
        }
        out
    }
}

/**
 * Every member of `expected` is in `actual` with the same value: objects on the keys `expected`
 * names, arrays element by element and of equal length, numbers to the last bit.
 */
fun assertSubset(expected: Any?, actual: Any?, path: String) {
    when (expected) {
        is Map<*, *> -> {
            assertTrue(actual is Map<*, *>, "$path: expected an object, got $actual")
            val a = actual as Map<*, *>
            for ((k, ev) in expected) {
                if (!a.containsKey(k)) fail<Unit>("$path.$k: missing in actual $actual")
                assertSubset(ev, a[k], "$path.$k")
            }
        }
        is List<*> -> {
            assertTrue(actual is List<*>, "$path: expected an array, got $actual")
            val a = actual as List<*>
            assertEquals(expected.size, a.size, "$path: array length differs: actual $actual")
            expected.forEachIndexed { i, ev -> assertSubset(ev, a[i], "$path[$i]") }
        }
        is Double -> {
            assertTrue(actual is Double, "$path: expected $expected, got $actual")
            assertEquals(
                java.lang.Double.doubleToRawLongBits(expected),
                java.lang.Double.doubleToRawLongBits(actual as Double),
                "$path: expected $expected, got $actual",
            )
        }
        else -> assertEquals(expected, actual, path)
    }
}

/** The stable code of any okrkit exception. */

fun actorOf(o: JSONObject) = Actor(person = o.getString("person"), team = o.getString("team"))

fun instant(s: String): Instant = Instant.parse(s)
