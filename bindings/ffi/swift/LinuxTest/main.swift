// A small test program for the generated Swift binding, compiled and run on Linux
// (see ../run-linux-test.sh): the shared vectors (progress, invalid, health, score, classify, and
// ledger through the generated typed methods, as the Kotlin LedgerDriver), ledger refusals, and the
// twins of the Kotlin MobileTest (issue 20: error base, signed counts, async, titles, the
// operations beside Rust and Python, short advice, concurrent check-ins).
// Usage: okrtest VECTORS_DIR   (a copy of tests/vectors with each document pre-extracted to
// NAME.document.json by run-linux-test.sh, so numbers reach okrkit as written).
import Foundation
import OkrKit

var failures = 0
var passed = 0

func check(_ ok: Bool, _ what: @autoclosure () -> String) {
    if ok { passed += 1 } else { failures += 1; print("FAIL: \(what())") }
}

func snake(_ s: String) -> String {
    var out = ""
    for ch in s {
        if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
    }
    return out
}

/// A generated struct / enum as the core's JSON shows it (snake_case keys and enum cases,
/// an ObjectiveType field named "type"), through Mirror.
func toPlain(_ v: Any) -> Any? {
    let m = Mirror(reflecting: v)
    if m.displayStyle == .optional {
        guard let inner = m.children.first?.value else { return nil }
        return toPlain(inner)
    }
    switch v {
    case let s as String: return s
    case let b as Bool: return b
    case let d as Double: return d
    case let n as UInt32: return Double(n)
    case let n as UInt64: return Double(n)
    case let n as Int64: return Double(n)
    case let n as Int32: return Double(n)
    default: break
    }
    if let d = v as? Date { return rfc3339(d) }
    switch m.displayStyle {
    case .collection?: return m.children.map { toPlain($0.value) }
    case .dictionary?:
        var out: [String: Any?] = [:]
        for c in m.children {
            let pair = Array(Mirror(reflecting: c.value).children)
            out[String(describing: pair[0].value)] = toPlain(pair[1].value)
        }
        return out
    case .enum? where m.children.isEmpty: return snake(String(describing: v))
    case .enum?:
        // A case with fields, tagged as the core's JSON tags it (Measure by "type", Change by "kind").
        let c = m.children.first!
        var out: [String: Any?] = [(v is Change ? "kind" : "type"): snake(c.label ?? "")]
        let fields = Mirror(reflecting: c.value)
        if fields.displayStyle == .tuple {
            for f in fields.children { out[snake(f.label ?? "")] = toPlain(f.value) }
        } else if let only = onlyField[c.label ?? ""] {
            out[only] = toPlain(c.value)  // Swift's Mirror drops the label of a single field
        } else {
            check(false, "toPlain: no field name for \(c.label ?? "?")")
        }
        return out
    case .struct?:
        var out: [String: Any?] = [:]
        for c in m.children {
            guard let label = c.label else { continue }
            out[c.value is ObjectiveType ? "type" : snake(label)] = toPlain(c.value)
        }
        return out
    default: return String(describing: v)
    }
}

/// The field of each enum case that has exactly one (Mirror shows its value without the label).
let onlyField = ["milestone": "done", "dropKeyResult": "key_result", "addObjective": "objective", "retireObjective": "objective"]

let isoSeconds = ISO8601DateFormatter()
let isoFraction: ISO8601DateFormatter = {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f
}()

/// An instant in RFC 3339, as the core writes it (fraction only when there is one).
func rfc3339(_ d: Date) -> String {
    d.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) == 0 ? isoSeconds.string(from: d) : isoFraction.string(from: d)
}

/// JSONSerialization's output as the values toPlain makes: numbers as Double, true/false as Bool.
func fromJSON(_ v: Any) -> Any? {
    switch v {
    case is NSNull: return nil
    case let s as String: return s
    case let n as NSNumber:
        return String(cString: n.objCType) == "c" ? n.boolValue as Any : n.doubleValue as Any
    case let a as [Any]: return a.map { fromJSON($0) }
    case let o as [String: Any]: return o.mapValues { fromJSON($0) }
    default: return v
    }
}

func parseJSON(_ text: String) -> Any? {
    fromJSON(try! JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
}

func jsonText(_ v: Any) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed]), as: UTF8.self)
}

/// Every member of `expected` (from JSONSerialization) is in `actual` with the same value;
/// numbers to the last bit.
func subset(_ expected: Any?, _ actual: Any?, _ path: String) -> String? {
    switch expected {
    case nil, is NSNull:
        return actual == nil ? nil : "\(path): expected null, got \(String(describing: actual))"
    case let e as [String: Any]:
        guard let a = actual as? [String: Any?] else { return "\(path): expected an object, got \(String(describing: actual))" }
        for (k, ev) in e {
            guard let av = a[k] else { return "\(path).\(k): missing" }
            if let err = subset(ev, av, "\(path).\(k)") { return err }
        }
        return nil
    case let e as [Any]:
        guard let a = actual as? [Any?], a.count == e.count else { return "\(path): array length differs: \(String(describing: actual))" }
        for (i, ev) in e.enumerated() { if let err = subset(ev, a[i], "\(path)[\(i)]") { return err } }
        return nil
    case let e as String:
        return (actual as? String) == e ? nil : "\(path): expected \(e), got \(String(describing: actual))"
    case let e as NSNumber:
        if let b = actual as? Bool { return b == e.boolValue ? nil : "\(path): expected \(e), got \(b)" }
        guard let d = actual as? Double else { return "\(path): expected \(e), got \(String(describing: actual))" }
        return d.bitPattern == e.doubleValue.bitPattern ? nil : "\(path): expected \(e.doubleValue), got \(d)"
    default:
        return "\(path): cannot compare \(String(describing: expected))"
    }
}

/// Every case of OkrError, each checked against the base methods `code()` / `problems()`
/// (an app needs no switch: `e.code()`, `e.path()`, `e.detail()`, `e.problems()`).
func problems(of e: OkrError) -> (String, [Problem]) {
    let code: String
    let items: [Problem]
    switch e {
    case let .Parse(c, _, _, _, _, problems): (code, items) = (c, problems.items())
    case let .Invalid(c, _, _, problems): (code, items) = (c, problems.items())
    case let .InvalidArgument(c, _, _, problems): (code, items) = (c, problems.items())
    case let .Refused(c, _, _): (code, items) = (c, [])
    case let .Tampered(c, _, _, _, _): (code, items) = (c, [])
    case let .NotProven(c, _, _, _): (code, items) = (c, [])
    case let .Io(c, _, _): (code, items) = (c, [])
    case let .Internal(c, _, _): (code, items) = (c, [])
    }
    check(code == e.code() && items == e.problems(), "base methods agree with the case: \(code)")
    return (e.code(), e.problems())
}

/// Each vector of a folder with its document as written (NAME.document.json; "" when it has none).
func vectors(_ dir: URL, _ sub: String) -> [(String, [String: Any], String)] {
    let folder = dir.appendingPathComponent(sub)
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".document.json") }.sorted()
    check(!names.isEmpty, "vectors: \(sub) is empty")
    return names.map { name in
        let base = String(name.dropLast(5))
        let v = try! JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as! [String: Any]
        let doc = (try? String(contentsOf: folder.appendingPathComponent(base + ".document.json"), encoding: .utf8)) ?? ""
        return (base, v, doc)
    }
}

let dir = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "vectors")

// progress/: the same numbers as Rust and Kotlin, to the last bit.
for (name, v, doc) in vectors(dir, "progress") {
    do {
        let org = try Org.fromJson(json: doc)
        let o = v["options"] as? [String: Any] ?? [:]
        let milestones: MilestonePolicy? = (o["milestones"] as? String).map { $0 == "count_as_imported" ? .countAsImported : .leaveOut }
        let report = try org.progress(options: ProgressOptions(asOf: o["as_of"] as? String, milestones: milestones, cycle: o["cycle"] as? String))
        let err = subset(v["expected"], toPlain(report), name)
        check(err == nil, err ?? "")
    } catch {
        check(false, "progress/\(name): \(error)")
    }
}

// invalid/: every problem, by code and path, in order.
for (name, v, doc) in vectors(dir, "invalid") {
    let expected = (v["expected_problems"] as! [[String: Any]]).map { "\($0["code"]!)@\($0["path"]!)" }
    do {
        _ = try Org.fromJson(json: doc)
        check(false, "invalid/\(name): loaded")
    } catch let e as OkrError {
        let (code, ps) = problems(of: e)
        check(code == "parse_error" || code == "invalid_document", "invalid/\(name): code \(code)")
        let got = ps.map { "\($0.code)@\($0.path)" }
        check(got == expected, "invalid/\(name): \(got) != \(expected)")
        check(((try? validate(json: doc)) ?? []).map { "\($0.code)@\($0.path)" } == expected, "invalid/\(name): validate()")
    } catch {
        check(false, "invalid/\(name): \(error)")
    }
}

func same(_ expected: Any?, _ actual: Any?, _ path: String) {
    let err = subset(expected, actual, path)
    check(err == nil, err ?? "")
}

// health/, score/, classify/: the same reports and kinds as Rust and Kotlin.
for (name, v, doc) in vectors(dir, "health") {
    do {
        let o = v["options"] as? [String: Any] ?? [:]
        var options = HealthOptions(asOf: o["as_of"] as? String)
        if let days = o["stale_after_days"] as? NSNumber { options.staleAfterDays = days.uint32Value }
        same(v["expected"], toPlain(try Org.fromJson(json: doc).health(cycle: v["cycle"] as! String, options: options)), "health/\(name)")
    } catch { check(false, "health/\(name): \(error)") }
}
for (name, v, doc) in vectors(dir, "score") {
    do {
        let org = try Org.fromJson(json: doc)
        if let cycle = v["cycle"] as? String, v["expected"] != nil {
            same(v["expected"], toPlain(try org.scoreCycle(cycle: cycle)), "score/\(name)")
        }
        if let expected = v["expected_calibration"] { same(expected, toPlain(try org.calibrate()), "score/\(name).calibration") }
        if let codes = v["expected_lint_codes"] as? [String] {
            let lint = try lintDocument(json: doc, options: LintOptions(maxObjectivesPerTeamCycle: nil, maxKeyResultsPerObjective: nil, staleAfterDays: nil, asOf: nil, rules: [:], vocabulary: nil))
            let found = Set(lint.findings.map { $0.code })
            for c in codes { check(found.contains(c), "score/\(name): lint lacks \(c)") }
        }
    } catch { check(false, "score/\(name): \(error)") }
}
for (name, v, _) in vectors(dir, "classify") {
    for (i, st) in (v["statements"] as! [[String: Any]]).enumerated() {
        let hint: StructureHint? = (st["structure"] as? String).map {
            ["none": .none, "metric": .metric, "threshold": .threshold, "milestone": .milestone][$0]!
        }
        let got = try? classify(text: st["text"] as! String, structure: hint)
        check(got.map { snake(String(describing: $0.kind)) } == st["kind"] as? String, "classify/\(name)[\(i)]: \(st["text"]!)")
    }
}

// ledger/: every step appended (through the typed methods generated from the core's Action where
// there is one, else appendJson in the wire format), then the pinned head, replays and lists.
let iso = ISO8601DateFormatter()
/// A vector's instant. `ISO8601DateFormatter` reads whole seconds only, so a fraction (the
/// closed-cycle vector's last microsecond of a day) is added to them by hand.
func instant(_ s: String) -> Date {
    guard let dot = s.firstIndex(of: "."), let zone = s.firstIndex(of: "Z"), dot < zone else { return iso.date(from: s)! }
    return iso.date(from: String(s[..<dot]) + "Z")!.addingTimeInterval(Double("0" + s[dot..<zone])!)
}
var typedObjectiveSteps = 0

/// The step's objective as the typed record, read by the core (no defaults written here): the
/// ledger's document with this objective in place, loaded as an Org; nil when that is not valid.
func typedObjective(_ ledger: Ledger, _ o: [String: Any]) -> Objective? {
    guard let text = try? ledger.replayJson(at: nil),
          var doc = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
    let id = o["id"] as! String
    var objectives = (doc["objectives"] as? [[String: Any]] ?? []).filter { $0["id"] as? String != id }
    objectives.append(o)
    doc["objectives"] = objectives
    doc["check_ins"] = nil  // check-ins of a key result the edit drops would dangle
    guard let org = try? Org.fromJson(json: jsonText(doc)), let typed = org.objective(id: id) else { return nil }
    typedObjectiveSteps += 1
    return typed
}

func typedChange(_ c: [String: Any]) -> Change? {
    func str(_ k: String) -> String { c[k] as! String }
    func num(_ k: String) -> Double { (c[k] as! NSNumber).doubleValue }
    switch c["kind"] as! String {
    case "target": return .target(keyResult: str("key_result"), target: num("target"))
    case "baseline": return .baseline(keyResult: str("key_result"), baseline: num("baseline"))
    case "key_result_wording": return .keyResultWording(keyResult: str("key_result"), title: str("title"))
    case "objective_wording": return .objectiveWording(objective: str("objective"), title: str("title"))
    case "weight": return .weight(keyResult: str("key_result"), weight: num("weight"))
    case "drop_key_result": return .dropKeyResult(keyResult: str("key_result"))
    case "move_objective": return .moveObjective(objective: str("objective"), cycle: str("cycle"))
    case "retire_objective": return .retireObjective(objective: str("objective"))
    default: return nil
    }
}

func appendStep(_ ledger: Ledger, _ step: [String: Any]) throws -> Entry {
    let at = instant(step["at"] as! String)
    let who = step["actor"] as! [String: String]
    let actor = Actor(person: who["person"]!, team: who["team"]!)
    // An action that is not an object cannot be a typed call: it reaches the
    // core as JSON text, the one way such input can come from Swift.
    guard let a = step["action"] as? [String: Any] else {
        return try ledger.appendJson(at: at, actor: actor, actionJson: jsonText(step["action"]!))
    }
    func str(_ k: String) -> String { a[k] as! String }
    func opt(_ k: String) -> String? { a[k] as? String }
    func num(_ k: String) -> Double { (a[k] as! NSNumber).doubleValue }
    func wire() throws -> Entry { try ledger.appendJson(at: at, actor: actor, actionJson: jsonText(a)) }
    switch a["type"] as! String {
    case "check_in": return try ledger.checkIn(at: at, actor: actor, keyResult: str("key_result"), value: num("value"),
                                               confidence: (a["confidence"] as? NSNumber)?.doubleValue, note: opt("note"))
    case "propose_set": return try ledger.proposeSet(at: at, actor: actor, team: str("team"), cycle: str("cycle"), approver: opt("approver"))
    case "agree": return try ledger.agree(at: at, actor: actor, team: str("team"), cycle: str("cycle"))
    case "request_changes":
        let questions = (a["questions"] as! [String]).map {
            ["strategy": ReviewQuestion.strategy, "understanding": .understanding, "contribution": .contribution, "stretch": .stretch][$0]!
        }
        return try ledger.requestChanges(at: at, actor: actor, team: str("team"), cycle: str("cycle"), questions: questions, comment: str("comment"))
    case "feedback": return try ledger.feedback(at: at, actor: actor, team: str("team"), cycle: str("cycle"), text: str("text"), keyResult: opt("key_result"))
    case "accept": return try ledger.accept(at: at, actor: actor, proposal: str("proposal"))
    case "decline": return try ledger.decline(at: at, actor: actor, proposal: str("proposal"), reason: str("reason"))
    case "withdraw": return try ledger.withdraw(at: at, actor: actor, proposal: str("proposal"))
    case "add_member": return try ledger.addMember(at: at, actor: actor, team: str("team"), person: str("person"))
    case "remove_member": return try ledger.removeMember(at: at, actor: actor, team: str("team"), person: str("person"))
    case "grant_admin": return try ledger.grantAdmin(at: at, actor: actor, person: str("person"))
    case "revoke_admin": return try ledger.revokeAdmin(at: at, actor: actor, person: str("person"))
    case "assign_approver": return try ledger.assignApprover(at: at, actor: actor, team: str("team"), cycle: str("cycle"), approver: str("approver"))
    case "enroll_key": return try ledger.enrollKey(at: at, actor: actor, person: str("person"), publicKey: str("public_key"))
    case "revoke_key": return try ledger.revokeKey(at: at, actor: actor, person: str("person"))
    case "remove_objective": return try ledger.removeObjective(at: at, actor: actor, objective: str("objective"))
    case "kill_initiative": return try ledger.killInitiative(at: at, actor: actor, initiative: str("initiative"), reason: str("reason"))
    case "finish_initiative": return try ledger.finishInitiative(at: at, actor: actor, initiative: str("initiative"))
    case "request_dependency": return try ledger.requestDependency(at: at, actor: actor, to: str("to"), help: str("help"), objective: str("objective"), keyResult: opt("key_result"))
    case "accept_dependency": return try ledger.acceptDependency(at: at, actor: actor, dependency: str("dependency"))
    case "decline_dependency": return try ledger.declineDependency(at: at, actor: actor, dependency: str("dependency"), reason: str("reason"))
    case "escalate_dependency": return try ledger.escalateDependency(at: at, actor: actor, dependency: str("dependency"))
    case "decide_dependency": return try ledger.decideDependency(at: at, actor: actor, dependency: str("dependency"), grant: a["grant"] as! Bool, reason: str("reason"))
    case "retrospective":
        let r = a["answers"] as! [String: Any]
        func ans(_ k: String) -> String { r[k] as! String }
        return try ledger.retrospective(at: at, actor: actor, objective: str("objective"), answers: RetrospectiveAnswers(
            whatHappened: ans("what_happened"), why: ans("why"), rightOkrs: ans("right_okrs"), measurable: ans("measurable"),
            valueToCompany: ans("value_to_company"), valueToCustomers: ans("value_to_customers"),
            carryOver: r["carry_over"] as? [String] ?? [], explanation: r["explanation"] as? String))
    case "draft_objective":
        if let o = typedObjective(ledger, a["objective"] as! [String: Any]) { return try ledger.draftObjective(at: at, actor: actor, objective: o) }
        return try wire()
    case "edit_objective":
        if let o = typedObjective(ledger, a["objective"] as! [String: Any]) { return try ledger.editObjective(at: at, actor: actor, objective: o) }
        return try wire()
    case "propose_change":
        if let c = (a["change"] as? [String: Any]).flatMap(typedChange) { return try ledger.proposeChange(at: at, actor: actor, change: c, reason: str("reason")) }
        return try wire()
    case "counter":
        if let c = (a["change"] as? [String: Any]).flatMap(typedChange) { return try ledger.counter(at: at, actor: actor, proposal: str("proposal"), change: c, reason: str("reason")) }
        return try wire()
    default: return try wire()
    }
}

/// JSON Lines with one line tampered with as a vector says (edit at a JSON pointer, drop, swap,
/// duplicate, truncate).
func tampered(_ jsonl: String, _ op: [String: Any]) -> String {
    var lines = jsonl.split(separator: "\n").map(String.init)
    let index = op["index"] as! Int
    switch op["op"] as! String {
    case "edit":
        var line = try! JSONSerialization.jsonObject(with: Data(lines[index].utf8)) as! [String: Any]
        let parts = (op["pointer"] as! String).split(separator: "/").map(String.init)
        func put(_ node: [String: Any], _ rest: ArraySlice<String>) -> [String: Any] {
            var node = node
            let key = rest.first!
            node[key] = rest.count == 1 ? op["value"]! : put(node[key] as! [String: Any], rest.dropFirst())
            return node
        }
        line = put(line, parts[...])
        lines[index] = jsonText(line)
    case "drop": lines.remove(at: index)
    case "swap": lines.swapAt(index, op["with"] as! Int)
    case "duplicate": lines.insert(lines[index], at: index + 1)
    case "truncate": lines.removeSubrange(index...)
    default: check(false, "ledger: unknown tamper op \(op)")
    }
    return lines.map { $0 + "\n" }.joined()
}

/// Appends every step: one with `expect_error` (or the last, given `lastMustFailWith`) must be
/// refused with that code and leave the JSON Lines unchanged; every other must be recorded.
func runSteps(_ name: String, _ steps: [[String: Any]], lastMustFailWith: String? = nil) -> Ledger {
    let ledger = Ledger()
    for (i, step) in steps.enumerated() {
        let want = lastMustFailWith != nil && i == steps.count - 1 ? lastMustFailWith : step["expect_error"] as? String
        let before = try! ledger.toJsonl()
        do {
            let entry = try appendStep(ledger, step)
            check(want == nil, "\(name) step \(i): expected \(want ?? ""), got entry \(entry.id)")
        } catch let e as OkrError {
            let (code, ps) = problems(of: e)
            check(want != nil && (code == want || ps.contains { $0.code == want }), "\(name) step \(i): \(e)")
            check((try? ledger.toJsonl()) == before, "\(name) step \(i): a refused action changed the ledger")
        } catch { check(false, "\(name) step \(i): \(error)") }
    }
    return ledger
}

for (name, v, _) in vectors(dir, "ledger") {
    let ledger = runSteps("ledger/\(name)", v["steps"] as! [[String: Any]])
    do {
        let ex = v["expect"] as! [String: Any]
        check(try ledger.length() == (ex["entries"] as! NSNumber).int64Value, "ledger/\(name): entries")
        if let head = ex["head"] as? String { check(try ledger.head() == head, "ledger/\(name): head") }
        check(try ledger.verify().head == ledger.head(), "ledger/\(name): verify")
        check(try Ledger.fromJsonl(jsonl: ledger.toJsonl()).toJsonl() == ledger.toJsonl(), "ledger/\(name): JSON Lines round trip")
        if let doc = ex["document"] { same(doc, parseJSON(try ledger.replayJson(at: nil)), "ledger/\(name).document") }
        for r in ex["replay"] as? [[String: Any]] ?? [] {
            same(r["document"], parseJSON(try ledger.replayJson(at: instant(r["at"] as! String))), "ledger/\(name).replay@\(r["at"]!)")
        }
        let lists: [String: () throws -> Any] = [
            "sets": ledger.sets, "reviews": ledger.reviews, "feedback": ledger.feedbackNotes,
            "proposals": { try ledger.proposals() }, "dependencies": ledger.dependencies,
        ]
        for (key, get) in lists { if let e = ex[key] { same(e, toPlain(try get()), "ledger/\(name).\(key)") } }
        for (kr, e) in ex["history"] as? [String: Any] ?? [:] { same(e, toPlain(try ledger.history(keyResult: kr)), "ledger/\(name).history.\(kr)") }
        for r in ex["renegotiation_counts"] as? [[String: Any]] ?? [] {
            same(r["expected"], toPlain(try ledger.renegotiationCounts(cycle: r["cycle"] as! String)), "ledger/\(name).renegotiation_counts")
        }
        // R4's threshold is the app's to set: at 0, each key result with an accepted renegotiation is reported.
        let renegotiated = Set((ex["renegotiation_counts"] as? [[String: Any]] ?? []).flatMap { r in
            (r["expected"] as! [[String: Any]]).filter { ($0["accepted"] as! NSNumber).intValue > 0 }.map { "key_results[\($0["key_result"] as! String)]" }
        })
        if !renegotiated.isEmpty {
            let often = try ledger.lint(options: LintOptions(maxObjectivesPerTeamCycle: nil, maxKeyResultsPerObjective: nil, staleAfterDays: nil, maxRenegotiationsPerCycle: 0, asOf: nil, rules: [:], vocabulary: nil))
                .findings.filter { $0.code == "renegotiated_often" }.map { $0.path }
            check(Set(often) == renegotiated, "ledger/\(name): renegotiated_often at a threshold of 0: \(often)")
        }
        for w in ex["waiting_dependencies"] as? [[String: Any]] ?? [] {
            let got = try ledger.waitingDependencies(asOf: instant(w["as_of"] as! String), longerThanDays: (w["more_than_days"] as? NSNumber)?.int64Value)
            same(w["expected"], toPlain(got), "ledger/\(name).waiting@\(w["as_of"]!)")
        }
        for op in ex["tamper"] as? [[String: Any]] ?? [] {
            let text = tampered(try ledger.toJsonl(), op)
            do {
                if let at = op["expect_head_index"] as? Int {
                    try Ledger.fromJsonl(jsonl: text).verifyHead(head: ledger.head())
                    check(false, "ledger/\(name): \(op) verified (expected tampered at \(at))")
                } else {
                    _ = try Ledger.fromJsonl(jsonl: text)
                    check(false, "ledger/\(name): \(op) loaded")
                }
            } catch let OkrError.Tampered(code, _, _, index, _) {
                let want = (op["expect_head_index"] ?? op["expect_index"]) as! Int
                check(code == "tampered" && index == Int64(want), "ledger/\(name): \(op) tampered at \(index)")
            }
        }
    } catch { check(false, "ledger/\(name): \(error)") }
}
check(typedObjectiveSteps > 0, "ledger: some objective steps went through draftObjective / editObjective")

// import/: the same documents, reports and problems from each tool's export.
for (name, v, _) in vectors(dir, "import") {
    do {
        let input = dir.appendingPathComponent("import").appendingPathComponent(v["input"] as! String)
        let text = { try String(contentsOf: input, encoding: .utf8) }
        let imported: Imported
        switch v["source"] as! String {
        case "asana": imported = try readAsana(json: text())
        case "gitlab": imported = try readGitlab(json: text())
        case "quantive": imported = try readQuantive(json: text())
        case "tability": imported = try readTability(json: text())
        case "table": imported = try readTable(bytes: Data(contentsOf: input), optionsJson: v["options"].map { jsonText($0) })
        default: check(false, "import/\(name): unknown source"); continue
        }
        same(v["expected_document"], parseJSON(imported.documentJson), "import/\(name).document")
        same(v["expected_report"], parseJSON(imported.reportJson), "import/\(name).report")
        let want = ((v["expected_report"] as! [String: Any])["problems"] as! [[String: Any]]).map { "\($0["code"]!)@\($0["path"]!)" }
        check(imported.problems.map { "\($0.code)@\($0.path)" } == want, "import/\(name).problems")
    } catch { check(false, "import/\(name): \(error)") }
}

// bad/: every hostile input gives a typed error with its code (never internal_error, never a
// crash). Inputs that inject NaN/Infinity into a native document are Kotlin's and Python's: this
// API takes JSON text, which cannot hold them.
func generated(_ g: [String: Any]) -> String {
    let head = #""schema_version":1,"cycles":[{"id":"q","name":"Q","start":"2026-01-01","end":"2026-03-31"}],"teams":[{"id":"t","name":"T"}]"#
    if let n = g["alignment_chain"] as? Int {
        let objectives = (0..<n).map { i in
            #"{"id":"o\#(i)","title":"Objective \#(i)","team":"t","cycle":"q""#
                + (i > 0 ? #","aligned_to":{"objective":"o\#(i - 1)","how":"cascaded"}"# : "") + "}"
        }
        return "{\(head),\"objectives\":[\(objectives.joined(separator: ","))]}"
    }
    let title = String(repeating: "a", count: g["title_bytes"] as! Int)
    return #"{\#(head),"objectives":[{"id":"o","title":"\#(title)","team":"t","cycle":"q"}]}"#
}
var badRun = 0
for (name, v, _) in vectors(dir, "bad") {
    let input = v["input"] as! [String: Any]
    let want = v["expected_code"] as? String
    if input["inject"] != nil { continue }
    if v["target"] as? String == "ledger", let steps = input["steps"] as? [[String: Any]] {
        _ = runSteps("bad/\(name)", steps, lastMustFailWith: want)
        badRun += 1
        continue
    }
    let raw = try? Data(contentsOf: dir.appendingPathComponent("bad").appendingPathComponent(name + ".input"))
    do {
        if v["target"] as? String == "ledger" {
            _ = try Ledger.fromJsonl(jsonl: String(decoding: raw!, as: UTF8.self))
        } else if v["target"] as? String == "table" {
            _ = try readTable(bytes: raw!, optionsJson: nil)
        } else if let g = input["generate"] as? [String: Any] {
            _ = try Org.fromJson(json: generated(g))
        } else if input["bytes_base64"] == nil, let text = String(data: raw!, encoding: .utf8) {
            _ = try Org.fromJson(json: text)
        } else {
            _ = try Org.fromJsonBytes(bytes: raw!)  // not UTF-8: a Swift String cannot hold it
        }
        check(want == nil, "bad/\(name): accepted, expected \(want ?? "")")
    } catch let e as OkrError {
        let (code, ps) = problems(of: e)
        check(want != nil && (code == want || ps.contains { $0.code == want }), "bad/\(name): expected \(want ?? "success"), got \(e)")
        check(code != "internal_error", "bad/\(name): an internal error is a bug")
    } catch { check(false, "bad/\(name): \(error)") }
    badRun += 1
}
check(badRun >= 50, "bad: \(badRun) inputs run")

// Ledger refusals: nothing recorded, a typed error with the core's code.
do {
    let doc = """
    {"cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
     "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"}],
     "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}],
     "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
       "key_results": [{"id": "kr1", "title": "Checkout conversion > 65%",
         "measure": {"type": "metric", "baseline": 50, "target": 65}}]}]}
    """
    let iso = ISO8601DateFormatter()
    func t(_ s: String) -> Date { iso.date(from: s)! }
    let ana = Actor(person: "ana", team: "web"), bo = Actor(person: "bo", team: "shop")
    let ledger = Ledger()
    _ = try ledger.importDocument(at: t("2026-01-02T09:00:00Z"), actor: ana, documentJson: doc,
        members: [Membership(team: "web", person: "ana"), Membership(team: "shop", person: "bo")])
    _ = try ledger.proposeSet(at: t("2026-01-03T09:00:00Z"), actor: ana, team: "web", cycle: "q1")
    _ = try ledger.agree(at: t("2026-01-04T09:00:00Z"), actor: bo, team: "web", cycle: "q1")
    let p = try ledger.proposeChange(at: t("2026-02-01T09:00:00Z"), actor: ana,
                                     change: .target(keyResult: "kr1", target: 60), reason: "the migration slipped")
    let before = try ledger.toJsonl()
    do {
        _ = try ledger.accept(at: t("2026-02-01T10:00:00Z"), actor: ana, proposal: p.id)
        check(false, "ledger: ana accepted her own proposal")
    } catch let OkrError.Refused(code, _, _) {
        check(code == "not_allowed", "ledger: refusal code \(code)")
    }
    check(try ledger.toJsonl() == before, "ledger: a refused action changed the ledger")
    check(try ledger.proposals(openOnly: true).map { $0.id } == [p.id] && ledger.proposal(id: p.id)?.status == .open,
          "ledger: the open proposal, by the core's queries")
    do {
        _ = try ledger.checkIn(at: t("2026-01-01T00:00:00Z"), actor: ana, keyResult: "kr1", value: 55)
        check(false, "ledger: out-of-order check-in recorded")
    } catch let OkrError.Refused(code, _, _) {
        check(code == "out_of_order", "ledger: refusal code \(code)")
    }
    _ = try ledger.accept(at: t("2026-02-02T09:00:00Z"), actor: bo, proposal: p.id)
    check(try ledger.history(keyResult: "kr1").last?.reason == "the migration slipped", "ledger: history")
    check(try ledger.proposals(openOnly: true).isEmpty && ledger.proposals().count == 1 && ledger.proposal(id: "e99") == nil,
          "ledger: no proposal open once accepted; an unknown id is nil")
    let back = try Ledger.fromJsonl(jsonl: try ledger.toJsonl())
    check(try back.head() == ledger.head(), "ledger: JSON Lines round trip")
    do {
        _ = try Ledger.fromJsonl(jsonl: try ledger.toJsonl().replacingOccurrences(of: "\"target\":60.0", with: "\"target\":61.0"))
        check(false, "ledger: tampering not detected")
    } catch let OkrError.Tampered(code, _, _, index, _) {
        check(code == "tampered" && index == 3, "ledger: tampered at \(index)")
    }
    check(try classify(text: "Build a tool to remind people of their shopping cart", structure: nil).kind == .output, "classify")
} catch {
    check(false, "ledger: \(error)")
}

// ---- issue 20: the same checks as MobileTest.kt --------------------------------------------
let small = """
{"schema_version": 1,
 "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
 "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"}],
 "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}],
 "check_ins": [{"key_result": "kr1", "at": "2026-02-01T09:00:00Z", "value": 53}],
 "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
   "key_results": [{"id": "kr1", "title": "Checkout conversion > 65%",
     "measure": {"type": "metric", "baseline": 50, "target": 65}}]}]}
"""
func big(_ n: Int, bad: Bool = false) -> String {
    let objectives = (0..<n).map { i -> String in
        let krs = (0..<5).map { k in
            "{\"id\": \"k\(i)-\(k)\", \"title\": \"Grow weekly orders \(i)-\(k) from 10 to 20\", \"measure\": {\"type\": \"metric\", \"baseline\": 10, \"target\": \(bad ? 10 : 20)}}"
        }.joined(separator: ",")
        return "{\"id\": \"o\(i)\", \"title\": \"Objective \(i)\", \"team\": \"web\", \"cycle\": \"q1\", \"key_results\": [\(krs)]}"
    }.joined(separator: ",")
    return "{\"schema_version\": 1, \"cycles\": [{\"id\": \"q1\", \"name\": \"Q1\", \"start\": \"2026-01-01\", \"end\": \"2026-03-31\"}], \"teams\": [{\"id\": \"web\", \"name\": \"Web\"}], \"objectives\": [\(objectives)]}"
}
let ana = Actor(person: "ana", team: "web")

// 1. Error base and a short description.
do {
    _ = try Org.fromJson(json: big(180, bad: true))
    check(false, "issue20: 900 problems loaded")
} catch let e as OkrError {
    _ = problems(of: e)
    check(e.code() == "invalid_document" && e.problems().count == 900, "issue20: 900 problems in problems()")
    check(e.path() == e.problems().first?.path, "issue20: path is the first problem's")
    check(e.detail().hasPrefix("the document has 900 problems; first: "), "issue20: detail \(e.detail())")
    check(String(describing: e).count < 600, "issue20: description is \(String(describing: e).count) characters")
} catch { check(false, "issue20: \(error)") }

do {
    // 2. Swift strings are always valid Unicode: a cut emoji is repaired to U+FFFD when made.
    let cut = String(decoding: Array("Grow 😀".utf16.prefix(6)), as: UTF16.self)
    let org = try Org.fromJson(json: small.replacingOccurrences(of: "World-class checkout", with: "Checkout \(cut)"))
    check(org.objective(id: "o1")?.title == "Checkout Grow \u{FFFD}", "issue20: lone surrogate")

    // 3. Signed counts.
    let count: Int64 = try org.keyResultCount()
    let report = try org.progress(options: ProgressOptions(asOf: "2026-02-15", cycle: nil))
    let counted: Int32 = report.objectives[0].counted
    check(count == 1 && counted == 1 && report.asOf == "2026-02-15", "issue20: counts and dates")
    do {
        _ = try inclusionProof(ledger: Ledger(), origin: "o", index: -1, size: nil)
        check(false, "issue20: negative index accepted")
    } catch let e as OkrError { check(e.path() == "index", "issue20: negative index path \(e.path())") }
    // A date is text in Swift: one that is no date is InvalidArgument (the core's converter), not internal.
    do {
        _ = try org.progress(options: ProgressOptions(asOf: "2026-2-15", cycle: nil))
        check(false, "issue20: a malformed date accepted")
    } catch let OkrError.InvalidArgument(code, _, path, _) {
        check(code == "invalid_value" && path == "date", "issue20: malformed date \(code) \(path)")
    }

    // 5. The team filter: that team's objectives only; an unknown team is an error.
    let owner = report.objectives[0].team
    let mine = try org.progress(options: ProgressOptions(asOf: "2026-02-15", cycle: nil, team: owner))
    check(mine.objectives == report.objectives.filter { $0.team == owner }, "issue20: team filter")
    let other = try org.teams().first { $0 != owner }
    if let other { check(try org.progress(options: ProgressOptions(asOf: nil, cycle: nil, team: other)).objectives.allSatisfy { $0.team == other }, "issue20: team filter, another team") }
    do {
        _ = try org.progress(options: ProgressOptions(asOf: nil, cycle: nil, team: "no-such-team"))
        check(false, "issue20: unknown team accepted")
    } catch let e as OkrError { check(e.code() == "dangling_reference" && e.path() == "team", "issue20: unknown team \(e.code()) \(e.path())") }

    // 4. async variants.
    let loaded = try await loadOrgAsync(json: big(2000))
    check(try loaded.keyResultCount() == 10_000, "issue20: async load")
    let asyncReport = try await loaded.progressAsync(options: ProgressOptions(asOf: nil, cycle: nil))
    check(asyncReport == (try loaded.progress(options: ProgressOptions(asOf: nil, cycle: nil))), "issue20: async progress")
    check(try await loaded.healthAsync(cycle: "q1", options: HealthOptions(asOf: nil)).organisation.keyResults == 10_000, "issue20: async health")
    do {
        _ = try await loadOrgAsync(json: "{")
        check(false, "issue20: async malformed accepted")
    } catch let e as OkrError { check(e.code() == "parse_error", "issue20: async error \(e.code())") }

    // 5. Titles, teams, cycles.
    check(try org.cycles() == ["q1"], "issue20: cycles")
    check(try org.teams() == ["shop", "web"], "issue20: teams")
    // Options left out are the core's defaults (ff21: the core's records, generated methods).
    check(try org.lint() == org.lint(options: LintOptions()), "ff21: lint without options")
    check(try org.health(cycle: "q1") == org.health(cycle: "q1", options: HealthOptions(asOf: nil, staleAfterDays: 14)), "ff21: health defaults")
    check(org.keyResultTitle(id: "kr1") == "Checkout conversion > 65%", "issue20: key result title")
    check(report.objectives[0].title == "Checkout Grow \u{FFFD}", "issue20: report title")
    check(report.objective(id: "o1") == report.objectives[0] && report.objective(id: "nope") == nil, "issue20: report.objective")

    // 6. Health, progress over dates, classifyMany, ledger lint and fromEntries, tables.
    let health = try org.health(cycle: "q1", options: HealthOptions(asOf: "2026-02-15"))
    check(health.organisation.keyResults == 1 && health.organisation.checkIns == 1, "issue20: health")
    let over = try org.progressOver(dates: ["2026-01-15", "2026-02-15"], options: ProgressOptions(asOf: nil, cycle: nil))
    check(over.map { $0.objectives[0].progress } == [0.0, 0.2], "issue20: progress over dates")
    let many = try classifyMany(texts: ["Publish 8 articles", "Grow weekly orders from 10 to 20"])
    check(many.map { $0.kind } == [.output, .outcome], "issue20: classifyMany")
    let kinds = try Classifier(words: VocabularySpec()).classifyKinds(texts: ["Publish 8 articles", "Grow weekly orders from 10 to 20", "Be great"])
    check(kinds == [.output, .outcome, .undetermined], "classifyKinds: the kinds alone")
    // The vocabulary reads back as the spec that builds it again (every list, replace = true).
    let spec = try Classifier(words: VocabularySpec(metricNouns: ["bookings"])).vocabulary()
    check(spec.replace && spec.metricNouns?.contains("bookings") == true && spec.metricNouns?.contains("churn") == true, "Classifier.vocabulary: the words given and the English ones")
    check(try Classifier(words: spec).vocabulary() == spec, "Classifier.vocabulary: reads back as itself")
    // One structure hint per statement (the core's `structures`), as in Python and Node.
    let hinted = try classifyMany(texts: ["Payments v2", "Checkout conversion rate"], structures: [.milestone, .metric])
    check(hinted == [try classify(text: "Payments v2", structure: .milestone), try classify(text: "Checkout conversion rate", structure: .metric)], "classifyMany: structures, one per statement")
    do {
        _ = try classifyMany(texts: ["a", "b"], structures: [.metric])
        check(false, "classifyMany: structures of another length refused")
    } catch let e as OkrError {
        check(e.code() == "invalid_value" && e.path() == "structures", "classifyMany: structures of another length is invalid_value at structures")
    }
    let ledger = Ledger()
    _ = try ledger.importDocument(at: Date(timeIntervalSinceNow: -60), actor: ana, documentJson: small,
                                  members: [Membership(team: "web", person: "ana")])
    check(try Ledger.fromEntries(entries: ledger.entries()).head() == ledger.head(), "issue20: fromEntries")
    _ = try ledger.lint(options: LintOptions(maxObjectivesPerTeamCycle: nil, maxKeyResultsPerObjective: nil, staleAfterDays: nil, asOf: nil, rules: [:], vocabulary: nil))
    check(try ledger.health(cycle: "q1", options: HealthOptions(asOf: nil)).organisation.keyResults == 1, "issue20: ledger health")
    let csv = "objective,team,cycle,key_result,title,type,baseline,target,current\no1,web,2026-Q1,k1,Grow orders from 10 to 20,metric,10,20,15\n"
    check(try readTable(bytes: Data(csv.utf8), optionsJson: nil).problems.isEmpty, "issue20: readTable")
    check(try loadCsv(bytes: Data(csv.utf8), optionsJson: nil).keyResultCount() == 1, "issue20: loadCsv")

    // 7. Short advice; no confident kind without evidence.
    let out = try classify(text: "Build a tool to remind people of their shopping cart", structure: nil)
    check((out.shortSuggestion()?.count ?? 99) <= 80, "issue20: short advice")
    for text in ["", "   ", "🚀🚀🎉"] {
        let c = try classify(text: text, structure: nil)
        check(c.kind == .undetermined && c.shortSuggestion()?.hasPrefix("Not enough evidence") == true, "issue20: not enough evidence for '\(text)'")
    }

    // 8. 100 concurrent check-ins, stamped under the ledger's lock.
    let before = try ledger.length()
    let lock = NSLock()
    var refused = 0
    DispatchQueue.concurrentPerform(iterations: 100) { i in
        do { _ = try ledger.checkInNow(actor: ana, keyResult: "kr1", value: 50 + Double(i % 15)) }
        catch { lock.lock(); refused += 1; lock.unlock() }
    }
    check(try refused == 0 && ledger.length() == before + 100, "issue20: concurrent check-ins (\(refused) refused)")
    check(try Int64(ledger.verify().entries) == ledger.length(), "issue20: verified after concurrent check-ins")
} catch {
    check(false, "issue20: \(error)")
}

// 9. A signed ledger written from the phone: each entry signed with its actor's key (R4).
do {
    let (anaKey, boKey, adminsOwn) = (Data(repeating: 1, count: 32), Data(repeating: 2, count: 32), Data(repeating: 9, count: 32))
    let bo = Actor(person: "bo", team: "shop")
    let t0 = Date(timeIntervalSinceNow: -60)
    func at(_ s: Double) -> Date { t0.addingTimeInterval(s) }
    let ledger = Ledger()
    _ = try ledger.importDocument(
        at: at(0), actor: bo, documentJson: small,
        members: [Membership(team: "web", person: "ana"), Membership(team: "shop", person: "bo")],
        keys: [EnrolledKey(person: "ana", publicKey: try publicKeyHex(secretKey: anaKey)),
               EnrolledKey(person: "bo", publicKey: try publicKeyHex(secretKey: boKey))],
        signedLedger: true, secretKey: boKey)
    check(try ledger.isSigned(), "signed: the import starts a signed ledger")
    check(try ledger.admins() == ["bo"] && ledger.members(team: "web") == ["ana"], "signed: admins and members")
    // Unsigned, signed with someone else's key, or a key of the wrong length: refused, nothing recorded.
    for (key, code) in [(nil, "bad_signature"), (boKey, "bad_signature"), (Data(count: 31), "invalid_value")] as [(Data?, String)] {
        do {
            _ = try ledger.checkIn(at: at(1), actor: ana, keyResult: "kr1", value: 55, secretKey: key)
            check(false, "signed: a check-in with \(String(describing: key)) accepted")
        } catch let e as OkrError { check(e.code() == code, "signed: \(e.code()) for \(code)") }
    }
    check(try ledger.length() == 1, "signed: refused entries left nothing")
    _ = try ledger.appendJson(at: at(1), actor: ana, actionJson: "{\"type\": \"check_in\", \"key_result\": \"kr1\", \"value\": 55}", secretKey: anaKey)
    let lint = { try ledger.lint(options: LintOptions(maxObjectivesPerTeamCycle: nil, maxKeyResultsPerObjective: nil, staleAfterDays: nil, asOf: nil, rules: [:], vocabulary: nil)).findings.filter { $0.code == "key_replaced_by_admin" }.map { $0.path } }
    check(try lint().isEmpty, "signed: no key replaced yet")
    // The admin revokes Ana's key and enrols one the admin holds: allowed, and reported.
    _ = try ledger.revokeKey(at: at(2), actor: bo, person: "ana", secretKey: boKey)
    _ = try ledger.enrollKey(at: at(3), actor: bo, person: "ana", publicKey: try publicKeyHex(secretKey: adminsOwn), secretKey: boKey)
    _ = try ledger.checkIn(at: at(4), actor: ana, keyResult: "kr1", value: 57, secretKey: adminsOwn)
    _ = try ledger.checkInNow(actor: ana, keyResult: "kr1", value: 58, secretKey: adminsOwn)
    check(try lint() == ["entries[3]"], "signed: key_replaced_by_admin at the enrolment")
    // The signatures travel with the JSON Lines: another device verifies them.
    check(try Ledger.fromJsonl(jsonl: ledger.toJsonl()).head() == ledger.head(), "signed: reloaded and verified")
} catch {
    check(false, "signed: \(error)")
}

// 10. The ledger rules' thresholds (R4, R7): a negative one is a typed error at its name.
for (options, path) in [
    (LintOptions(maxObjectivesPerTeamCycle: nil, maxKeyResultsPerObjective: nil, staleAfterDays: nil, maxRenegotiationsPerCycle: -1, asOf: nil, rules: [:], vocabulary: nil), "max_renegotiations_per_cycle"),
    (LintOptions(maxObjectivesPerTeamCycle: nil, maxKeyResultsPerObjective: nil, staleAfterDays: nil, dependencyAnswerDays: -1, asOf: nil, rules: [:], vocabulary: nil), "dependency_answer_days"),
] {
    do {
        _ = try Ledger().lint(options: options)
        check(false, "thresholds: a negative \(path) accepted")
    } catch let e as OkrError { check(e.code() == "invalid_value" && e.path() == path, "thresholds: \(e.code()) at \(e.path())") }
    catch { check(false, "thresholds: \(error)") }
}

// ---- ledger/proof: checkpoints, proofs and their errors, the bytes Rust, Python, Node and Kotlin give --
func proofVector(_ name: String) -> [String: Any] {
    try! JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("ledger/proof/\(name)"))) as! [String: Any]
}

/// The error code `call` throws, or "no error".
func thrownCode(_ call: () throws -> Void) -> (String, OkrError?) {
    do { try call(); return ("no error", nil) } catch let e as OkrError { return (problems(of: e).0, e) } catch { return ("\(error)", nil) }
}

do {
    let go = proofVector("signed_note_go.json")
    let goKey = try SigningKey.parse(text: go["signing_key"] as! String)
    check(goKey.verifierKey() == go["verifier_key"] as! String, "proof: Go's verifier key")
    check(goKey.name() == "PeterNeumann" && goKey.keyId() == 0xc74f20a3, "proof: Go's key name and id")
    for bad in go["bad_verifier_keys"] as! [String] {
        let (code, _) = thrownCode { try verifyInclusionProof(proof: "{}", checkpoint: go["signed"] as! String, trusted: [bad], minSignatures: nil) }
        check(code == "parse_error", "proof: bad verifier key \(bad): \(code)")
    }
    let v = proofVector("okrkit_checkpoint.json")
    let (origin, vkey, jsonl) = (v["origin"] as! String, v["verifier_key"] as! String, v["ledger_jsonl"] as! String)
    let ledger = try Ledger.fromJsonl(jsonl: jsonl)
    let key = try SigningKey.parse(text: v["signing_key"] as! String)
    check(key.secretText() == v["signing_key"] as! String, "proof: the secret key's text round-trips")
    let note = try signCheckpoint(ledger: ledger, origin: origin, keys: [key])
    check(note == v["checkpoint"] as! String, "proof: the checkpoint note, byte for byte")
    let ok = try verifyCheckpoint(ledger: ledger, checkpoint: note, trusted: [vkey], origin: origin, minSignatures: nil)
    check(Int64(ok.checkpointSize) == (try ledger.length()), "proof: the checkpoint's size")
    let inc = v["inclusion"] as! [String: Any]
    let proof = try inclusionProof(ledger: ledger, origin: origin, index: (inc["index"] as! NSNumber).int64Value, size: nil)
    same(inc, parseJSON(proof), "proof: inclusion")
    try verifyInclusionProof(proof: proof, checkpoint: note, trusted: [vkey], minSignatures: nil)
    let c = v["consistency"] as! [String: Any]
    let (oldSize, newSize) = ((c["old_size"] as! NSNumber).int64Value, (c["new_size"] as! NSNumber).int64Value)
    same(c, parseJSON(try consistencyProof(ledger: ledger, origin: origin, oldSize: oldSize, newSize: newSize)), "proof: consistency")
    let lines = jsonl.split(separator: "\n").map { $0 + "\n" }
    for k in v["errors"] as! [[String: Any]] {
        let keep = (k["ledger_entries"] as? NSNumber)?.intValue ?? lines.count
        let short = try Ledger.fromJsonl(jsonl: lines.prefix(keep).joined())
        let (code, e) = thrownCode {
            _ = try verifyCheckpoint(
                ledger: short, checkpoint: k["checkpoint"] as? String ?? note, trusted: [k["trust"] as? String ?? vkey],
                origin: k["origin"] as? String ?? origin, minSignatures: (k["min_signatures"] as? NSNumber)?.int32Value)
        }
        check(code == k["expect"] as! String, "proof: \(k["case"]!): \(code)")
        if code == "truncation", case let .NotProven(_, _, _, entry)? = e { check(entry == Int64(keep), "proof: \(k["case"]!): entry") }
    }
    for k in v["forged_inclusion"] as! [[String: Any]] {
        let forged = inc.merging(k["set"] as! [String: Any]) { $1 }
        let (code, _) = thrownCode { try verifyInclusionProof(proof: jsonText(forged), checkpoint: note, trusted: [vkey], minSignatures: nil) }
        check(code == k["expect"] as! String, "proof: \(k["case"]!): \(code)")
    }
} catch { check(false, "proof: \(error)") }

// ---- surface: tests/vectors/surface/operations.json ------------------------------------------
// Each operation as an unapplied reference: the compiler proves it exists. Keys are the core's
// `owner.name`; where Swift offers it under another name, the reference says which.
let surface: [String: Any] = [
    "load": Org.fromJson(json:), "load_csv": loadCsv(bytes:optionsJson:), "validate": validate(json:),
    "lint": lintDocument(json:options:), "classify": classify(text:structure:), "classify_many": classifyMany(texts:structure:structures:),
    "calibrate": Org.calibrate, "read_asana": readAsana(json:), "read_gitlab": readGitlab(json:),
    "read_quantive": readQuantive(json:), "read_tability": readTability(json:), "read_table": readTable(bytes:optionsJson:),
    "sign_checkpoint": signCheckpoint, "cosign_checkpoint": cosignCheckpoint(checkpoint:key:),
    "verify_checkpoint": verifyCheckpoint, "default_origin": defaultOrigin(ledger:), "public_key_hex": publicKeyHex(secretKey:),
    "inclusion_proof": inclusionProof(ledger:origin:index:size:), "verify_inclusion_proof": verifyInclusionProof,
    "consistency_proof": consistencyProof(ledger:origin:oldSize:newSize:), "verify_consistency_proof": verifyConsistencyProof,
    "Document.from_json": Org.fromJson(json:), "Document.to_json": Org.toJson, "Document.validate": validate(json:),
    "Document.lint": lintDocument(json:options:), "Document.org": Org.fromJson(json:), "Document.json_schema": documentJsonSchema,
    "Org.from_json": Org.fromJson(json:), "Org.to_json": Org.toJson, "Org.document": Org.toJson,
    "Org.key_result_count": Org.keyResultCount, "Org.cycles": Org.cycles, "Org.teams": Org.teams,
    "Org.progress": Org.progress(options:), "Org.progress_over": Org.progressOver(dates:options:), "Org.lint": Org.lint(options:),
    "Org.score_cycle": Org.scoreCycle(cycle:), "Org.score_all": Org.scoreAll, "Org.calibrate": Org.calibrate,
    "Org.health": Org.health(cycle:options:), "Classifier.classify": Classifier.classify(text:structure:),
    "Classifier.classify_many": Classifier.classifyMany(texts:structure:structures:), "Classifier.classify_kinds": Classifier.classifyKinds(texts:structure:structures:), "Classifier.vocabulary": Classifier.vocabulary, "Ledger.from_jsonl": Ledger.fromJsonl(jsonl:),
    "Ledger.from_entries": Ledger.fromEntries(entries:), "Ledger.append": Ledger.appendJson(at:actor:actionJson:secretKey:),
    "Ledger.to_jsonl": Ledger.toJsonl, "Ledger.entries": Ledger.entries, "Ledger.head": Ledger.head,
    "Ledger.verify": Ledger.verify, "Ledger.verify_head": Ledger.verifyHead(head:), "Ledger.replay": Ledger.replayJson(at:),
    "Ledger.is_signed": Ledger.isSigned, "Ledger.admins": Ledger.admins, "Ledger.members": Ledger.members(team:),
    "Ledger.org": Ledger.org(at:), "Ledger.document": Ledger.replayJson(at:), "Ledger.history": Ledger.history(keyResult:),
    "Ledger.set_status": Ledger.setStatus(team:cycle:), "Ledger.proposals": Ledger.proposals,
    "Ledger.dependencies": Ledger.dependencies, "Ledger.lint": Ledger.lint(options:), "Ledger.health": Ledger.health(cycle:options:),
    "Ledger.retrospectives": Ledger.retrospectives,
    "SigningKey.generate": SigningKey.generate(name:), "SigningKey.parse": SigningKey.parse(text:), "SigningKey.verifier_key": SigningKey.verifierKey,
]
do {
    let ops = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("surface/operations.json"))) as! [String: Any]
    let gaps = ((ops["missing"] as! [String: Any])["swift"] as? [String: String]) ?? [:]
    for op in ops["operations"] as! [[String: String]] {
        let key = op["owner"]!.isEmpty ? op["name"]! : "\(op["owner"]!).\(op["name"]!)"
        let there = surface[key] != nil
        check(there || gaps[key] != nil, "surface: \(key) missing from Swift and not written down")
        check(!(there && gaps[key] != nil), "surface: \(key) written down as missing but present")
        if let reason = gaps[key] { check(!reason.isEmpty, "surface: \(key) needs a reason") }
    }
} catch { check(false, "surface: \(error)") }

print("swift: \(passed) passed, \(failures) failed")
exit(failures == 0 ? 0 : 1)
