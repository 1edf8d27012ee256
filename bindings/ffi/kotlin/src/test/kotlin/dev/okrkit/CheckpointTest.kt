package dev.okrkit

import dev.okrkit.core.*
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** Signed checkpoints and proofs (issue 13) on the shared vectors in tests/vectors/ledger/proof/. */
class CheckpointTest {
    private fun vector(name: String) = JSONObject(File(Vectors.dir, "ledger/proof/$name").readText())

    private fun lines(jsonl: String): List<String> = jsonl.split("\n").filter { it.isNotEmpty() }.map { it + "\n" }

    @Test
    fun goSignedNoteKeys() {
        val v = vector("signed_note_go.json")
        val key = SigningKey.parse(v.getString("signing_key"))
        assertEquals(v.getString("verifier_key"), key.verifierKey())
        assertEquals("PeterNeumann", key.name())
        assertEquals(0xc74f20a3u, key.keyId())
        val bad = v.getJSONArray("bad_verifier_keys")
        for (i in 0 until bad.length()) {
            val e = assertThrows<OkrException.Parse> { verifyInclusionProof("{}", v.getString("signed"), listOf(bad.getString(i))) }
            assertEquals("parse_error", e.code)
        }
    }

    @Test
    fun sharedCheckpointVector() {
        val v = vector("okrkit_checkpoint.json")
        val origin = v.getString("origin")
        val vkey = v.getString("verifier_key")
        val ledger = Ledger.fromJsonl(v.getString("ledger_jsonl"))
        val key = SigningKey.parse(v.getString("signing_key"))
        assertEquals(v.getString("signing_key"), key.secretText())
        val note = signCheckpoint(ledger, origin, listOf(key))
        assertEquals(v.getString("checkpoint"), note)
        val ok = verifyCheckpoint(ledger, note, listOf(vkey), origin)
        assertEquals(ledger.length().toULong(), ok.checkpointSize)
        val inc = v.getJSONObject("inclusion")
        val proof = inclusionProof(ledger, origin, inc.getLong("index"))
        assertEquals(parseJson(inc.toString()), parseJson(proof))
        verifyInclusionProof(proof, note, listOf(vkey))
        val c = v.getJSONObject("consistency")
        val cproof = consistencyProof(ledger, origin, c.getLong("old_size"), c.getLong("new_size"))
        assertEquals(parseJson(c.toString()), parseJson(cproof))
        val all = lines(v.getString("ledger_jsonl"))
        val errors = v.getJSONArray("errors")
        for (i in 0 until errors.length()) {
            val k = errors.getJSONObject(i)
            val keep = if (k.has("ledger_entries")) k.getInt("ledger_entries") else all.size
            val short = Ledger.fromJsonl(all.take(keep).joinToString(""))
            val e = assertThrows<OkrException> {
                verifyCheckpoint(
                    short,
                    k.optString("checkpoint", note),
                    listOf(k.optString("trust", vkey)),
                    k.optString("origin", origin),
                    if (k.has("min_signatures")) k.getInt("min_signatures") else null,
                )
            }
            assertEquals(k.getString("expect"), e.code(), k.getString("case"))
            if (k.getString("expect") == "truncation") {
                assertEquals(keep.toLong(), (e as OkrException.NotProven).entry)
            }
        }
        val forged = v.getJSONArray("forged_inclusion")
        for (i in 0 until forged.length()) {
            val k = forged.getJSONObject(i)
            val p = JSONObject(inc.toString())
            val set = k.getJSONObject("set")
            for (name in set.keys()) p.put(name, set.get(name))
            val e = assertThrows<OkrException> { verifyInclusionProof(p.toString(), note, listOf(vkey)) }
            assertEquals(k.getString("expect"), e.code(), k.getString("case"))
        }
    }

    @Test
    fun extensionCosignAndALyingProof() {
        val v = vector("okrkit_checkpoint.json")
        val origin = v.getString("origin")
        val vkey = v.getString("verifier_key")
        val all = lines(v.getString("ledger_jsonl"))
        val full = Ledger.fromJsonl(all.joinToString(""))
        val prefix = Ledger.fromJsonl(all.take(3).joinToString(""))
        val host = SigningKey.parse(v.getString("signing_key"))
        val witness = SigningKey.generate("witness.example")
        assertNotEquals(witness.verifierKey(), SigningKey.generate("witness.example").verifierKey())
        val old = cosignCheckpoint(signCheckpoint(prefix, origin, listOf(host)), witness)
        val ok = verifyCheckpoint(full, old, listOf(vkey, witness.verifierKey()), origin, 2)
        assertEquals(3UL, ok.checkpointSize)
        assertEquals(6UL, ok.ledgerSize)
        val next = signCheckpoint(full, origin, listOf(host))
        val proof = consistencyProof(full, origin, 3L, 6L)
        verifyConsistencyProof(proof, old, next, listOf(vkey))
        val t = assertThrows<OkrException.NotProven> { verifyConsistencyProof(proof, next, old, listOf(vkey)) }
        assertEquals("truncation", t.code)
        val lied = JSONObject(inclusionProof(full, origin, 2L)).put("index", 3)
        val e = assertThrows<OkrException.NotProven> { verifyInclusionProof(lied.toString(), next, listOf(vkey)) }
        assertEquals("bad_proof", e.code)
        assertEquals(3L, e.entry)
        assertTrue(defaultOrigin(full).startsWith("okrkit.ledger/"))
    }
}
