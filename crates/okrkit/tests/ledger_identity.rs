//! Identities and roles (issue 14): a participant who wants to approve their
//! own change tries every trick; each gets a typed refusal and the ledger is
//! unchanged byte for byte.

use chrono::{DateTime, Duration, Utc};
use okrkit::ledger::{
    Action, Actor, AgreedSet, Change, Entry, Ledger, Membership, Roles, public_key_hex,
};
use okrkit::{Cycle, Document, Person, Team};
use proptest::prelude::*;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().expect("time")
}

fn doc() -> Document {
    Document::from_json(
        r#"{
      "cycles": [{"id": "q1", "name": "Q1", "start": "2026-01-01", "end": "2026-03-31"}],
      "teams": [{"id": "shop", "name": "Shop"}, {"id": "web", "name": "Web", "parent": "shop"},
                {"id": "pay", "name": "Payments", "parent": "shop"}],
      "people": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}, {"id": "dee", "name": "Dee"},
                 {"id": "adm", "name": "Admin"}, {"id": "josé", "name": "José"}],
      "objectives": [{"id": "o1", "title": "World-class checkout", "team": "web", "cycle": "q1",
        "key_results": [{"id": "k1", "title": "Checkout conversion from 50% to 65%",
          "measure": {"type": "metric", "baseline": 50, "target": 65}}]}]
    }"#,
    )
    .expect("doc")
}

fn roles() -> Roles {
    Roles {
        members: vec![
            Membership::new("web", "ana"),
            Membership::new("shop", "bo"),
            Membership::new("pay", "dee"),
        ],
        ..Roles::default()
    }
}

const ANA: fn() -> Actor = || Actor::new("ana", "web");
const BO: fn() -> Actor = || Actor::new("bo", "shop");
const ADM: fn() -> Actor = || Actor::new("adm", "shop");

/// An agreed set web/q1 (approver shop) and Ana's open proposal `e1`.
fn ledger() -> Ledger {
    let mut l = Ledger::new();
    l.append(
        t("2026-01-02T09:00:00Z"),
        ADM(),
        Action::Import {
            document: Box::new(doc()),
            agreed: vec![AgreedSet {
                team: "web".into(),
                cycle: "q1".into(),
                approver: None,
                agreed_by: Some("bo".into()),
            }],
            roles: roles(),
        },
    )
    .expect("import");
    l.append(
        t("2026-02-01T09:00:00Z"),
        ANA(),
        Action::ProposeChange {
            change: Change::Target {
                key_result: "k1".into(),
                target: 60.0,
            },
            reason: "the provider slipped".into(),
        },
    )
    .expect("propose");
    l
}

/// Appends and expects the refusal `code`, with the ledger unchanged byte for byte.
#[track_caller]
fn refused(l: &mut Ledger, actor: Actor, action: Action, code: &str) -> okrkit::Error {
    let before = l.to_jsonl();
    let err = l
        .append(t("2026-02-02T09:00:00Z"), actor, action)
        .map(|e| e.id.clone())
        .expect_err("refused");
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(l.to_jsonl(), before, "a refused action changed the ledger");
    err
}

fn person(id: &str) -> Action {
    Action::AddPerson {
        person: Person {
            id: id.into(),
            name: "Look-alike".into(),
        },
    }
}

fn accept() -> Action {
    Action::Accept {
        proposal: "e1".into(),
    }
}

#[test]
fn a_participant_cannot_add_people_teams_cycles_or_members() {
    let mut l = ledger();
    refused(&mut l, ANA(), person("ana2"), "not_allowed");
    refused(
        &mut l,
        ANA(),
        Action::AddTeam {
            team: Team {
                id: "mine".into(),
                name: "Mine".into(),
                parent: Some("web".into()),
            },
        },
        "not_allowed",
    );
    refused(
        &mut l,
        ANA(),
        Action::AddCycle {
            cycle: Cycle {
                id: "q9".into(),
                name: "Q9".into(),
                start: "2026-04-01".parse().expect("date"),
                end: "2026-06-30".parse().expect("date"),
            },
        },
        "not_allowed",
    );
    refused(
        &mut l,
        ANA(),
        Action::AddMember {
            team: "shop".into(),
            person: "ana".into(),
        },
        "not_allowed",
    );
    refused(
        &mut l,
        ANA(),
        Action::GrantAdmin {
            person: "ana".into(),
        },
        "not_allowed",
    );
}

#[test]
fn look_alike_people_are_refused_even_for_an_admin() {
    let mut l = ledger();
    for id in [
        "Ana",
        "\u{430}na", // Cyrillic а
        "ana ",
        " ana",
        "a\u{200b}na",
        "jose\u{301}", // NFD josé
        "JOSÉ",
        "b0",
    ] {
        let err = refused(&mut l, ADM(), person(id), "invalid_change");
        let msg = err.to_string();
        assert!(
            msg.contains("look_alike_id") || msg.contains("invalid_id"),
            "{id:?}: {msg}"
        );
    }
    // A look-alike names both ids.
    let err = refused(&mut l, ADM(), person("\u{430}na"), "invalid_change").to_string();
    assert!(err.contains("'ana'") && err.contains("people[0]"), "{err}");
}

#[test]
fn only_a_member_of_the_other_side_accepts() {
    let mut l = ledger();
    // The proposer, and a non-member claiming the approver team.
    refused(&mut l, ANA(), accept(), "not_allowed");
    refused(&mut l, Actor::new("ana", "shop"), accept(), "not_allowed");
    refused(&mut l, Actor::new("dee", "shop"), accept(), "not_allowed");
    // An admin who is not a member accepts nothing either.
    refused(&mut l, ADM(), accept(), "not_allowed");
    // A member of a third team.
    refused(&mut l, Actor::new("dee", "pay"), accept(), "not_allowed");
    // Membership as of that entry: once Bo leaves the shop he can no longer accept.
    let mut gone = l.clone();
    gone.append(
        t("2026-02-01T10:00:00Z"),
        ADM(),
        Action::RemoveMember {
            team: "shop".into(),
            person: "bo".into(),
        },
    )
    .expect("removed");
    refused(&mut gone, BO(), accept(), "not_allowed");
    l.append(t("2026-02-02T09:00:00Z"), BO(), accept())
        .expect("the other side accepts");
}

#[test]
fn a_person_on_both_sides_cannot_propose() {
    let mut l = ledger();
    l.append(
        t("2026-02-01T10:00:00Z"),
        ADM(),
        Action::AddMember {
            team: "shop".into(),
            person: "ana".into(),
        },
    )
    .expect("added");
    refused(
        &mut l,
        ANA(),
        Action::ProposeChange {
            change: Change::Target {
                key_result: "k1".into(),
                target: 55.0,
            },
            reason: "I approve my own".into(),
        },
        "not_allowed",
    );
    // And even as a member of the approver team she cannot accept her own.
    refused(&mut l, Actor::new("ana", "shop"), accept(), "not_allowed");
}

fn draft_ledger() -> Ledger {
    let mut l = Ledger::new();
    l.append(
        t("2026-01-02T09:00:00Z"),
        ADM(),
        Action::import_with_roles(doc(), roles()),
    )
    .expect("import");
    l
}

fn propose(approver: Option<&str>) -> Action {
    Action::ProposeSet {
        team: "web".into(),
        cycle: "q1".into(),
        approver: approver.map(Into::into),
    }
}

#[test]
fn the_owning_team_never_names_its_approver() {
    let mut l = draft_ledger();
    // A sibling, itself, or a team that does not exist.
    refused(&mut l, ANA(), propose(Some("pay")), "not_allowed");
    refused(&mut l, ANA(), propose(Some("web")), "not_allowed");
    // Not even an admin assigns the owner or a team below it.
    l.append(
        t("2026-01-03T09:00:00Z"),
        ADM(),
        Action::AddTeam {
            team: Team {
                id: "web-child".into(),
                name: "Web child".into(),
                parent: Some("web".into()),
            },
        },
    )
    .expect("admin adds a team");
    for bad in ["web", "web-child"] {
        refused(
            &mut l,
            ADM(),
            Action::AssignApprover {
                team: "web".into(),
                cycle: "q1".into(),
                approver: bad.into(),
            },
            "not_allowed",
        );
    }
    // An admin's assignment is recorded and then applies.
    l.append(
        t("2026-01-04T09:00:00Z"),
        ADM(),
        Action::AssignApprover {
            team: "web".into(),
            cycle: "q1".into(),
            approver: "pay".into(),
        },
    )
    .expect("assigned");
    refused(&mut l, ANA(), propose(Some("shop")), "not_allowed");
    l.append(t("2026-01-05T09:00:00Z"), ANA(), propose(None))
        .expect("proposed");
    assert_eq!(
        l.set("web", "q1").and_then(|s| s.approver.clone()),
        Some("pay".into())
    );
    refused(
        &mut l,
        BO(),
        Action::Agree {
            team: "web".into(),
            cycle: "q1".into(),
        },
        "not_allowed",
    );
    l.append(
        t("2026-01-06T09:00:00Z"),
        Actor::new("dee", "pay"),
        Action::Agree {
            team: "web".into(),
            cycle: "q1".into(),
        },
    )
    .expect("the assigned approver agrees");
}

#[test]
fn a_proposer_who_belongs_to_the_approver_team_cannot_propose() {
    let mut l = draft_ledger();
    l.append(
        t("2026-01-03T09:00:00Z"),
        ADM(),
        Action::AddMember {
            team: "shop".into(),
            person: "ana".into(),
        },
    )
    .expect("added");
    refused(&mut l, ANA(), propose(None), "not_allowed");
}

#[test]
fn an_imported_agreement_names_who_agreed() {
    let import = |agreed_by: Option<&str>| Action::Import {
        document: Box::new(doc()),
        agreed: vec![AgreedSet {
            team: "web".into(),
            cycle: "q1".into(),
            approver: None,
            agreed_by: agreed_by.map(Into::into),
        }],
        roles: roles(),
    };
    let at = t("2026-01-02T09:00:00Z");
    let code = |r: okrkit::Result<&Entry>| r.map(drop).expect_err("refused").code();
    assert_eq!(
        code(Ledger::new().append(at, ANA(), import(None))),
        "invalid_change"
    );
    // Ana (a member of the owning team, not the importer) did not agree for the shop.
    assert_eq!(
        code(Ledger::new().append(at, ADM(), import(Some("ana")))),
        "not_allowed"
    );
    let mut l = Ledger::new();
    l.append(at, ADM(), import(Some("bo"))).expect("bo agreed");
    let set = l.set("web", "q1").expect("set");
    assert_eq!(set.agreed_by, Some(BO()));
}

#[test]
fn a_far_future_entry_cannot_freeze_the_ledger() {
    let mut l = ledger();
    let before = l.to_jsonl();
    let now = t("2026-02-01T12:00:00Z");
    let err = l
        .append_as_of(now, t("9999-12-31T23:59:59Z"), BO(), accept())
        .map(drop)
        .expect_err("refused");
    assert_eq!(err.code(), "bad_time");
    assert_eq!(l.to_jsonl(), before);
    // Ten minutes ahead is too far by default; one minute is clock skew.
    let err = l
        .append_as_of(now, now + Duration::minutes(10), BO(), accept())
        .map(drop)
        .expect_err("refused");
    assert_eq!(err.code(), "bad_time");
    l.append_as_of(now, now + Duration::minutes(1), BO(), accept())
        .expect("within the skew");
    // A stored entry outside the years 0000-9999 never verifies.
    let mut entries = l.entries().to_vec();
    entries[1].at = t("+10000-01-01T00:00:00Z");
    assert_eq!(
        Ledger::from_entries(entries)
            .map(drop)
            .expect_err("refused")
            .code(),
        "tampered"
    );
}

#[test]
fn negative_zero_survives_a_javascript_round_trip() {
    let mut l = ledger();
    l.append(
        t("2026-02-03T09:00:00Z"),
        ANA(),
        Action::CheckIn {
            key_result: "k1".into(),
            value: -0.0,
            confidence: Some(-0.0),
            note: None,
        },
    )
    .expect("check-in");
    let text = l.to_jsonl();
    assert!(!text.contains("-0.0"), "{text}");
    // The recorded value is +0, as its canonical form says.
    let check_in = &l.document().check_ins[0];
    assert!(check_in.value.is_sign_positive() && check_in.value == 0.0);
    // Any other action holding a -0 (here a new key result's baseline) too.
    let mut kr = doc().objectives[0].key_results[0].clone();
    kr.id = "k9".into();
    kr.measure = okrkit::Measure::Metric {
        baseline: -0.0,
        target: 10.0,
        current: None,
        unit: None,
    };
    let p = l
        .append(
            t("2026-02-04T09:00:00Z"),
            ANA(),
            Action::ProposeChange {
                change: Change::AddKeyResult {
                    objective: "o1".into(),
                    key_result: Box::new(kr),
                },
                reason: "one more".into(),
            },
        )
        .expect("proposed")
        .clone();
    assert!(!p.to_json().contains("-0.0"), "{}", p.to_json());
    let text = l.to_jsonl();
    // What JavaScript writes back: integral numbers without ".0", -0 as 0.
    let js = text
        .replace("\"value\":0.0", "\"value\":-0")
        .replace(".0,", ",");
    let entries: Vec<Entry> = js
        .lines()
        .map(|line| serde_json::from_str(line).expect("entry"))
        .collect();
    let back = Ledger::from_entries(entries).expect("verifies after the round trip");
    assert_eq!(back.head(), l.head());
}

/// [`roles`] in signed mode, with each person's key enrolled.
fn signed_roles(keys: &[(&str, &[u8; 32])]) -> Roles {
    let mut r = roles();
    r.signed = true;
    r.keys = keys
        .iter()
        .map(|(person, k)| okrkit::ledger::EnrolledKey {
            person: (*person).into(),
            public_key: public_key_hex(k),
        })
        .collect();
    r
}

#[test]
fn signed_mode_refuses_forged_and_unsigned_entries() {
    let (ana_key, bo_key, adm_key) = ([1u8; 32], [2u8; 32], [3u8; 32]);
    let r = signed_roles(&[("ana", &ana_key), ("bo", &bo_key), ("adm", &adm_key)]);
    let now = t("2026-03-01T00:00:00Z");
    let mut l = Ledger::new();
    // The import itself is signed by the importer's enrolled key.
    let unsigned = l
        .append_as_of(
            now,
            t("2026-01-02T09:00:00Z"),
            ADM(),
            Action::import_with_roles(doc(), r.clone()),
        )
        .map(drop)
        .expect_err("unsigned import");
    assert_eq!(unsigned.code(), "bad_signature");
    l.append_signed(
        now,
        t("2026-01-02T09:00:00Z"),
        ADM(),
        Action::import_with_roles(doc(), r),
        &adm_key,
    )
    .expect("import");
    assert!(l.is_signed());
    l.append_signed(
        now,
        t("2026-01-03T09:00:00Z"),
        ANA(),
        propose(None),
        &ana_key,
    )
    .expect("proposed");
    let before = l.to_jsonl();
    // The store's writer forges Bo's agreement with its own key, or none.
    let agree = || Action::Agree {
        team: "web".into(),
        cycle: "q1".into(),
    };
    for forged in [Some(&adm_key), Some(&ana_key), None] {
        let at = t("2026-01-04T09:00:00Z");
        let err = match forged {
            Some(k) => l.append_signed(now, at, BO(), agree(), k).map(drop),
            None => l.append_as_of(now, at, BO(), agree()).map(drop),
        }
        .expect_err("forged");
        assert_eq!(err.code(), "bad_signature");
        assert_eq!(l.to_jsonl(), before);
    }
    l.append_signed(now, t("2026-01-04T09:00:00Z"), BO(), agree(), &bo_key)
        .expect("Bo agrees");
    let back = Ledger::from_jsonl(l.to_jsonl().as_bytes()).expect("verifies");
    assert_eq!(back.head(), l.head());
    // Rewriting the stored agreement as Dee's (hash recomputed) fails: no valid signature.
    let mut entries = l.entries().to_vec();
    entries[2].actor = Actor::new("dee", "shop");
    entries[2].hash = okrkit::ledger::entry_hash(&entries[2]);
    assert_eq!(
        Ledger::from_entries(entries)
            .map(drop)
            .expect_err("refused")
            .code(),
        "tampered"
    );
    // A revoked key signs nothing more.
    l.append_signed(
        now,
        t("2026-01-05T09:00:00Z"),
        ADM(),
        Action::RevokeKey {
            person: "ana".into(),
        },
        &adm_key,
    )
    .expect("revoked");
    let err = l
        .append_signed(
            now,
            t("2026-01-06T09:00:00Z"),
            ANA(),
            Action::CheckIn {
                key_result: "k1".into(),
                value: 52.0,
                confidence: None,
                note: None,
            },
            &ana_key,
        )
        .map(drop)
        .expect_err("revoked key");
    assert_eq!(err.code(), "bad_signature");
}

#[test]
fn an_endless_ledger_input_is_too_large() {
    let endless = std::io::BufReader::new(std::io::repeat(0));
    let err = Ledger::from_jsonl_limited(endless, 1 << 20)
        .map(drop)
        .expect_err("refused");
    assert_eq!(err.code(), "too_large");
    let endless_lines = std::io::BufReader::new(std::io::repeat(b'\n'));
    let err = Ledger::from_jsonl_limited(endless_lines, 1 << 20)
        .map(drop)
        .expect_err("refused");
    assert_eq!(err.code(), "too_large");
}

/// One action by the single person `solo`, who is an admin and a member of
/// `web`, the owner of the agreed set, and may create anything.
#[derive(Debug, Clone)]
enum Op {
    AddPerson(u8),
    AddTeam(u8, Option<u8>),
    AddMember(u8, u8),
    RemoveMember(u8, u8),
    GrantAdmin(u8),
    Assign(u8),
    Propose(u8),
    ProposeSet(u8, Option<u8>),
    Accept(u8, u8),
    Agree(u8),
    Counter(u8, u8),
}

fn team(i: u8) -> String {
    match i % 6 {
        0 => "web".into(),
        1 => "shop".into(),
        2 => "pay".into(),
        n => format!("t{n}"),
    }
}

fn who(i: u8) -> String {
    match i % 5 {
        0 => "solo".into(),
        1 => "Solo".into(),
        2 => "s\u{43e}lo".into(), // Cyrillic о
        n => format!("p{n}"),
    }
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<u8>().prop_map(Op::AddPerson),
        (any::<u8>(), any::<Option<u8>>()).prop_map(|(a, b)| Op::AddTeam(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::AddMember(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::RemoveMember(a, b)),
        any::<u8>().prop_map(Op::GrantAdmin),
        any::<u8>().prop_map(Op::Assign),
        any::<u8>().prop_map(Op::Propose),
        (any::<u8>(), any::<Option<u8>>()).prop_map(|(a, b)| Op::ProposeSet(a, b)),
        (0..30u8, any::<u8>()).prop_map(|(a, b)| Op::Accept(a, b)),
        any::<u8>().prop_map(Op::Agree),
        (0..30u8, any::<u8>()).prop_map(|(a, b)| Op::Counter(a, b)),
    ]
}

fn solo_action(op: &Op) -> (String, Action) {
    match op {
        Op::AddPerson(p) => (
            team(0),
            Action::AddPerson {
                person: Person {
                    id: who(*p).into(),
                    name: "P".into(),
                },
            },
        ),
        Op::AddTeam(t, parent) => (
            team(0),
            Action::AddTeam {
                team: Team {
                    id: team(*t).into(),
                    name: "T".into(),
                    parent: parent.map(|p| team(p).into()),
                },
            },
        ),
        Op::AddMember(t, p) => (
            team(0),
            Action::AddMember {
                team: team(*t).into(),
                person: who(*p).into(),
            },
        ),
        Op::RemoveMember(t, p) => (
            team(0),
            Action::RemoveMember {
                team: team(*t).into(),
                person: who(*p).into(),
            },
        ),
        Op::GrantAdmin(p) => (
            team(0),
            Action::GrantAdmin {
                person: who(*p).into(),
            },
        ),
        Op::Assign(a) => (
            team(0),
            Action::AssignApprover {
                team: "pay".into(),
                cycle: "q1".into(),
                approver: team(*a).into(),
            },
        ),
        Op::Propose(t) => (
            team(*t),
            Action::ProposeChange {
                change: Change::Target {
                    key_result: "k1".into(),
                    target: 55.0,
                },
                reason: "mine".into(),
            },
        ),
        Op::ProposeSet(t, a) => (
            team(*t),
            Action::ProposeSet {
                team: "pay".into(),
                cycle: "q1".into(),
                approver: a.map(|a| team(a).into()),
            },
        ),
        Op::Accept(e, t) => (
            team(*t),
            Action::Accept {
                proposal: format!("e{e}").as_str().into(),
            },
        ),
        Op::Agree(t) => (
            team(*t),
            Action::Agree {
                team: "pay".into(),
                cycle: "q1".into(),
            },
        ),
        Op::Counter(e, t) => (
            team(*t),
            Action::Counter {
                proposal: format!("e{e}").as_str().into(),
                change: Change::Target {
                    key_result: "k1".into(),
                    target: 54.0,
                },
                reason: "counter".into(),
            },
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// No sequence of actions by a single person — however many people,
    /// teams, memberships and approvers they create — ends with their own
    /// proposal accepted or their own set agreed.
    #[test]
    fn one_person_never_gets_their_own_proposal_accepted(ops in prop::collection::vec(op(), 1..40)) {
        // web/q1 is agreed (solo, in web, may renegotiate it); pay/q1 is a draft.
        let mut d = doc();
        d.people.push(Person { id: "solo".into(), name: "Solo".into() });
        let mut o2 = d.objectives[0].clone();
        o2.id = "o2".into();
        o2.team = "pay".into();
        o2.key_results[0].id = "k2".into();
        d.objectives.push(o2);
        let mut r = roles();
        r.members.push(Membership::new("web", "solo"));
        let mut l = Ledger::new();
        l.append(t("2026-01-02T09:00:00Z"), Actor::new("solo", "web"), Action::Import {
            document: Box::new(d),
            agreed: vec![AgreedSet { team: "web".into(), cycle: "q1".into(), approver: None, agreed_by: Some("bo".into()) }],
            roles: r,
        })
        .expect("import");
        let mut at = t("2026-01-03T09:00:00Z");
        for op in &ops {
            let (team, action) = solo_action(op);
            let before = l.to_jsonl();
            if l.append(at, Actor::new("solo", team.as_str()), action).is_err() {
                prop_assert_eq!(l.to_jsonl(), before);
            }
            at += Duration::hours(1);
        }
        for p in l.proposals() {
            prop_assert!(
                p.status != okrkit::ledger::ProposalStatus::Accepted,
                "solo's proposal {} was accepted", p.id
            );
        }
        prop_assert!(l.set_status("pay", "q1") != okrkit::ledger::SetStatus::Agreed, "solo agreed their own set");
        prop_assert_eq!(l.set("web", "q1").and_then(|s| s.agreed_by.clone()), Some(BO()));
        // Every entry is solo's.
        prop_assert!(l.entries().iter().all(|e| e.actor.person.as_str() == "solo"));
    }
}

/// Red team 14, finding 16: an admin acts only for a team they are a member
/// of (the entry records that team); the importing person also for the team
/// they imported as. Refused entries leave the ledger unchanged.
#[test]
fn an_admin_acts_only_for_a_team_they_are_in() {
    let mut l = ledger();
    l.append(
        t("2026-02-01T10:00:00Z"),
        ADM(),
        Action::GrantAdmin {
            person: "bo".into(),
        },
    )
    .expect("the importer, for the team they imported as");
    let add = || Action::AddMember {
        team: "web".into(),
        person: "dee".into(),
    };
    refused(&mut l, Actor::new("bo", "web"), add(), "not_allowed");
    refused(&mut l, Actor::new("adm", "web"), add(), "not_allowed");
    refused(&mut l, Actor::new("bo", "pay"), add(), "not_allowed");
    l.append(t("2026-02-01T11:00:00Z"), BO(), add())
        .expect("an admin for their own team");
    assert_eq!(l.entries().last().expect("entry").actor, BO());
}

/// The review of red team 14's fixes: the importer's right to act for the
/// team they imported as ends when they are removed from that team.
#[test]
fn the_importer_exception_ends_with_their_membership() {
    let mut l = Ledger::new();
    l.append(
        t("2026-01-02T09:00:00Z"),
        Actor::new("ana", "web"),
        Action::Import {
            document: Box::new(doc()),
            agreed: vec![],
            roles: Roles {
                members: vec![Membership::new("web", "ana"), Membership::new("web", "bo")],
                admins: vec!["bo".into()],
                ..Roles::default()
            },
        },
    )
    .expect("import");
    l.append(
        t("2026-02-01T09:00:00Z"),
        Actor::new("bo", "web"),
        Action::RemoveMember {
            team: "web".into(),
            person: "ana".into(),
        },
    )
    .expect("an admin of web removes the importer from web");
    let remove_bo = Action::RemoveMember {
        team: "web".into(),
        person: "bo".into(),
    };
    refused(&mut l, Actor::new("ana", "web"), remove_bo, "not_allowed");
}

/// A key result's check-ins: the ledger never holds two at one instant. A
/// check-in at the instant of another person's, or of an imported one with
/// no author (imported check-ins need not be in time order), is refused; one
/// at the instant of the same person's own check-in, imported or appended,
/// corrects it. The ledger's document
/// stays valid throughout.
#[test]
fn a_check_in_never_rewrites_one_at_its_instant_by_someone_else() {
    let mut document = doc();
    let check_in = |at: &str, value: f64| okrkit::CheckIn {
        key_result: "k1".into(),
        at: t(at),
        value,
        confidence: None,
        note: None,
        author: None,
    };
    // Out of time order, the later one first: a look-back from the end
    // stops at the earlier one.
    document.check_ins = vec![
        check_in("2026-02-10T09:00:00Z", 55.0),
        check_in("2026-02-01T09:00:00Z", 52.0),
        okrkit::CheckIn {
            author: Some("ana".into()),
            ..check_in("2026-02-09T09:00:00Z", 54.0)
        },
    ];
    let mut l = Ledger::new();
    l.append(
        t("2026-02-03T09:00:00Z"),
        ADM(),
        Action::Import {
            document: Box::new(document),
            agreed: vec![],
            roles: Roles {
                members: vec![
                    Membership::new("web", "ana"),
                    Membership::new("web", "josé"),
                ],
                ..Roles::default()
            },
        },
    )
    .expect("import");
    let ci = |value: f64| Action::CheckIn {
        key_result: "k1".into(),
        value,
        confidence: None,
        note: None,
    };
    let refused_at = |l: &mut Ledger, at: &str, actor: Actor, value: f64| {
        let before = l.to_jsonl();
        let err = l
            .append(t(at), actor, ci(value))
            .map(|_| ())
            .expect_err("refused");
        assert_eq!((err.code(), err.path()), ("invalid_change", "at"), "{err}");
        assert_eq!(l.to_jsonl(), before);
    };
    refused_at(&mut l, "2026-02-10T09:00:00Z", ANA(), 99.0);
    refused_at(
        &mut l,
        "2026-02-09T09:00:00Z",
        Actor::new("josé", "web"),
        99.0,
    );
    l.append(t("2026-02-09T09:00:00Z"), ANA(), ci(54.5))
        .expect("ana corrects her own imported check-in");
    l.append(t("2026-02-11T09:00:00Z"), ANA(), ci(57.0))
        .expect("ana");
    refused_at(
        &mut l,
        "2026-02-11T09:00:00Z",
        Actor::new("josé", "web"),
        99.0,
    );
    l.append(t("2026-02-11T09:00:00Z"), ANA(), ci(58.0))
        .expect("ana corrects her own");
    let org = l.org().expect("the ledger's document stays valid");
    let values: Vec<f64> = org.document().check_ins.iter().map(|c| c.value).collect();
    assert_eq!(values, [55.0, 52.0, 54.5, 58.0]);
}

/// The second review of round fourteen: the positions of imported
/// check-ins move when a key result's check-ins are removed with its
/// objective; the same-instant rule still finds the right check-in (no
/// panic past the end, no other key result's check-in).
#[test]
fn the_same_instant_rule_survives_a_removed_objective() {
    let mut document = doc();
    let mut second = document.objectives[0].clone();
    second.id = "o2".into();
    second.key_results[0].id = "k2".into();
    document.objectives.push(second);
    let check_in = |kr: &str, at: &str| okrkit::CheckIn {
        key_result: kr.into(),
        at: t(at),
        value: 55.0,
        confidence: None,
        note: None,
        author: None,
    };
    document.check_ins = vec![
        check_in("k1", "2026-02-01T09:00:00Z"),
        check_in("k1", "2026-02-02T09:00:00Z"),
        check_in("k2", "2026-02-08T09:00:00Z"),
        check_in("k2", "2026-02-03T09:00:00Z"),
    ];
    let mut l = Ledger::new();
    l.append(
        t("2026-02-03T10:00:00Z"),
        ADM(),
        Action::Import {
            document: Box::new(document),
            agreed: vec![],
            roles: roles(),
        },
    )
    .expect("import");
    l.append(
        t("2026-02-04T09:00:00Z"),
        ANA(),
        Action::RemoveObjective {
            objective: "o1".into(),
        },
    )
    .expect("a draft objective is removed, with its check-ins");
    let ci = Action::CheckIn {
        key_result: "k2".into(),
        value: 99.0,
        confidence: None,
        note: None,
    };
    let before = l.to_jsonl();
    let err = l
        .append(t("2026-02-08T09:00:00Z"), ANA(), ci)
        .map(|_| ())
        .expect_err("an imported check-in with no author is not rewritten");
    assert_eq!((err.code(), err.path()), ("invalid_change", "at"), "{err}");
    assert_eq!(l.to_jsonl(), before);
    let org = l.org().expect("the ledger's document stays valid");
    let values: Vec<(String, f64)> = org
        .document()
        .check_ins
        .iter()
        .map(|c| (c.key_result.to_string(), c.value))
        .collect();
    assert_eq!(values, [("k2".into(), 55.0), ("k2".into(), 55.0)]);
}

/// F19: an admin enrols a person's first key, never a second one: replacing
/// a key is the person's own entry, signed with their current key; an admin
/// who wants to replace it revokes it first (both entries stay visible).
#[test]
fn only_the_person_replaces_their_enrolled_key() {
    let (ana_key, bo_key, adm_key, evil, fresh) =
        ([1u8; 32], [2u8; 32], [3u8; 32], [9u8; 32], [7u8; 32]);
    let r = signed_roles(&[("ana", &ana_key), ("bo", &bo_key), ("adm", &adm_key)]);
    let now = t("2026-03-01T00:00:00Z");
    let mut l = Ledger::new();
    l.append_signed(
        now,
        t("2026-01-02T09:00:00Z"),
        ADM(),
        Action::import_with_roles(doc(), r),
        &adm_key,
    )
    .expect("import");
    l.append_signed(
        now,
        t("2026-01-03T09:00:00Z"),
        ANA(),
        propose(None),
        &ana_key,
    )
    .expect("proposed");
    let enrol = |k: &[u8; 32]| Action::EnrollKey {
        person: "bo".into(),
        public_key: public_key_hex(k),
    };
    let agree = || Action::Agree {
        team: "web".into(),
        cycle: "q1".into(),
    };
    let before = l.to_jsonl();
    // The red team's attack: the admin enrols a second key for Bo, then signs as Bo.
    let err = l
        .append_signed(
            now,
            t("2026-01-04T09:00:00Z"),
            ADM(),
            enrol(&evil),
            &adm_key,
        )
        .map(drop)
        .expect_err("a second key by an admin");
    assert_eq!(
        (err.code(), err.path()),
        ("not_allowed", "action.person"),
        "{err}"
    );
    // Nor anyone else but Bo (Ana is no admin: refused as before).
    let err = l
        .append_signed(
            now,
            t("2026-01-04T09:00:00Z"),
            ANA(),
            enrol(&evil),
            &ana_key,
        )
        .map(drop)
        .expect_err("not Bo");
    assert_eq!(err.code(), "not_allowed");
    assert_eq!(l.to_jsonl(), before);
    let err = l
        .append_signed(now, t("2026-01-04T09:00:00Z"), BO(), agree(), &evil)
        .map(drop)
        .expect_err("the evil key signs nothing");
    assert_eq!(err.code(), "bad_signature");
    // Bo rotates his own key, signing with the current one; then only the new one signs.
    let err = l
        .append_signed(now, t("2026-01-04T09:00:00Z"), BO(), enrol(&fresh), &evil)
        .map(drop)
        .expect_err("a rotation signed with another key");
    assert_eq!(err.code(), "bad_signature");
    l.append_signed(now, t("2026-01-04T09:00:00Z"), BO(), enrol(&fresh), &bo_key)
        .expect("Bo rotates his key");
    let err = l
        .append_signed(now, t("2026-01-05T09:00:00Z"), BO(), agree(), &bo_key)
        .map(drop)
        .expect_err("the old key");
    assert_eq!(err.code(), "bad_signature");
    l.append_signed(now, t("2026-01-05T09:00:00Z"), BO(), agree(), &fresh)
        .expect("Bo agrees with his new key");
    // An admin may revoke a key and then enrol a new first key: both entries
    // are in the ledger for anyone to see.
    l.append_signed(
        now,
        t("2026-01-06T09:00:00Z"),
        ADM(),
        Action::RevokeKey {
            person: "bo".into(),
        },
        &adm_key,
    )
    .expect("revoked");
    l.append_signed(
        now,
        t("2026-01-06T09:00:00Z"),
        ADM(),
        enrol(&evil),
        &adm_key,
    )
    .expect("a first key again, visibly");
    let back = Ledger::from_jsonl(l.to_jsonl().as_bytes()).expect("verifies");
    assert_eq!(back.head(), l.head());
}

/// Ana's, Bo's and the admin's secret keys in [`signed_ledger`].
const ANA_KEY: [u8; 32] = [1; 32];
const BO_KEY: [u8; 32] = [2; 32];
const ADM_KEY: [u8; 32] = [3; 32];

/// A signed ledger: `doc()` imported by the admin, Ana, Bo and the admin
/// holding [`ANA_KEY`], [`BO_KEY`] and [`ADM_KEY`] (Dee no key).
fn signed_ledger() -> Ledger {
    let r = signed_roles(&[("ana", &ANA_KEY), ("bo", &BO_KEY), ("adm", &ADM_KEY)]);
    let mut l = Ledger::new();
    l.append_signed(
        t("2026-03-01T00:00:00Z"),
        t("2026-01-02T09:00:00Z"),
        ADM(),
        Action::import_with_roles(doc(), r),
        &ADM_KEY,
    )
    .expect("import");
    l
}

/// The `key_replaced_by_admin` findings of `l`: (path, message).
fn keys_replaced(l: &Ledger) -> Vec<(String, String)> {
    l.lint(&okrkit::lint::LintOptions::default())
        .findings
        .iter()
        .filter(|f| f.code == "key_replaced_by_admin")
        .map(|f| (f.path.to_string(), f.message.to_string()))
        .collect()
}

/// The admin's one way left to sign as someone else — revoke their key,
/// enrol one the admin holds — is allowed and in plain sight; `Ledger::lint`
/// reports it (`key_replaced_by_admin`, at the enrolment entry, counting
/// the entries signed as that person since). A first key enrolled by an
/// admin, and a person's own rotation, are not reported.
#[test]
fn ledger_lint_reports_a_key_an_admin_replaced() {
    let (ana_key, adm_key, admins_own) = (ANA_KEY, ADM_KEY, [9u8; 32]);
    let now = t("2026-03-01T00:00:00Z");
    // Dee has no key at the import: an admin enrols her first one.
    let mut l = signed_ledger();
    let at = |d: u32| t(&format!("2026-01-{d:02}T09:00:00Z"));
    let enrol = |person: &str, k: &[u8; 32]| Action::EnrollKey {
        person: person.into(),
        public_key: public_key_hex(k),
    };
    let codes = keys_replaced;
    l.append_signed(now, at(3), ADM(), enrol("dee", &[5u8; 32]), &adm_key)
        .expect("Dee's first key");
    let fresh = [7u8; 32];
    l.append_signed(now, at(3), ANA(), enrol("ana", &fresh), &ana_key)
        .expect("Ana rotates her own key");
    assert_eq!(
        codes(&l),
        vec![],
        "a first key and an own rotation are not reported"
    );
    // The admin revokes Bo's key and enrols one the admin holds, then signs as Bo.
    l.append_signed(
        now,
        at(4),
        ADM(),
        Action::RevokeKey {
            person: "bo".into(),
        },
        &adm_key,
    )
    .expect("revoked");
    let enrolled = l
        .append_signed(now, at(4), ADM(), enrol("bo", &admins_own), &adm_key)
        .expect("allowed, visibly")
        .seq;
    let found = codes(&l);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, format!("entries[{enrolled}]"));
    assert!(
        found[0]
            .1
            .contains("admin 'adm' enrolled a new key for 'bo'"),
        "{found:?}"
    );
    assert!(
        found[0]
            .1
            .contains("after 'adm' revoked their key at entry"),
        "{found:?}"
    );
    assert!(
        found[0].1.contains("0 entries were signed as 'bo'"),
        "{found:?}"
    );
    assert!(found[0].1.contains("still in force"), "{found:?}");
    // Whoever holds the admin's key can "rotate" it as Bo: still not Bo's own,
    // and every entry made as Bo since is counted.
    let (rotated, again) = ([8u8; 32], [6u8; 32]);
    l.append_signed(now, at(5), BO(), enrol("bo", &rotated), &admins_own)
        .expect("a rotation signed with the admin's key");
    l.append_signed(now, at(6), BO(), enrol("bo", &again), &rotated)
        .expect("and another");
    let found = codes(&l);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("2 entries were signed as 'bo'"),
        "{found:?}"
    );
    // The same after a round trip through JSON Lines; and off when asked.
    let back = Ledger::from_jsonl(l.to_jsonl().as_bytes()).expect("verifies");
    assert_eq!(codes(&back), found);
    let mut off = okrkit::lint::LintOptions::default();
    off.rules.insert(
        okrkit::lint::RuleCode::new("key_replaced_by_admin").expect("a rule"),
        okrkit::lint::RuleLevel::Off,
    );
    assert!(
        !back
            .lint(&off)
            .findings
            .iter()
            .any(|f| f.code == "key_replaced_by_admin")
    );
}

/// An unsigned ledger's keys sign nothing: no finding.
#[test]
fn ledger_lint_ignores_keys_of_an_unsigned_ledger() {
    let mut l = ledger();
    // What a signed ledger reports: a key, revoked, then another by the admin.
    let at = t("2026-02-02T09:00:00Z");
    let enrol = |k: &[u8; 32]| Action::EnrollKey {
        person: "bo".into(),
        public_key: public_key_hex(k),
    };
    l.append(at, ADM(), enrol(&BO_KEY)).expect("Bo's first key");
    l.append(
        at,
        ADM(),
        Action::RevokeKey {
            person: "bo".into(),
        },
    )
    .expect("revoked");
    l.append(at, ADM(), enrol(&[9u8; 32])).expect("another");
    assert!(!l.is_signed());
    assert!(
        !l.lint(&okrkit::lint::LintOptions::default())
            .findings
            .iter()
            .any(|f| f.code == "key_replaced_by_admin")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Whatever keys are revoked, enrolled and rotated, by the admin or by
    /// their owners, `key_replaced_by_admin` reports exactly the accepted
    /// `enroll_key` entries an admin made for someone else who had held a key
    /// before (read back from the entries, not from the rule's own walk), each
    /// at its entry.
    #[test]
    fn key_replaced_by_admin_reports_exactly_the_admins_replacements(
        ops in prop::collection::vec((0usize..3, 0usize..3, 1u8..40), 1..20),
    ) {
        let people = ["ana", "bo", "dee"];
        let actors = [ANA(), BO(), Actor::new("dee", "pay")];
        // Ana and Bo have keys at the import; Dee has none.
        let adm_key = ADM_KEY;
        let mut secret: std::collections::HashMap<&str, [u8; 32]> =
            [("ana", ANA_KEY), ("bo", BO_KEY)].into_iter().collect();
        let now = t("2026-03-01T00:00:00Z");
        let mut l = signed_ledger();
        let at = t("2026-01-03T09:00:00Z");
        for &(kind, who, k) in &ops {
            let person = people[who];
            // The admin's keys and the people's own never coincide; the admin
            // may enrol the same key for a person twice (its first key, then
            // again after a revocation: not a replacement, as
            // `an_own_key_enrolled_again_is_not_reported` says).
            let (new_key, admins_key) = ([k + 150; 32], [k + 100; 32]);
            let enrol = Action::EnrollKey { person: person.into(), public_key: public_key_hex(&new_key) };
            let admin_enrol = Action::EnrollKey { person: person.into(), public_key: public_key_hex(&admins_key) };
            let done = match kind {
                // The admin revokes the person's key.
                0 => l.append_signed(now, at, ADM(), Action::RevokeKey { person: person.into() }, &adm_key).is_ok().then_some(None),
                // The admin enrols a key for the person.
                1 => l.append_signed(now, at, ADM(), admin_enrol, &adm_key).is_ok().then_some(Some(admins_key)),
                // The person rotates their own key, signing with the current one.
                _ => match secret.get(person).copied() {
                    Some(current) => l.append_signed(now, at, actors[who].clone(), enrol, &current).is_ok().then_some(Some(new_key)),
                    None => None,
                },
            };
            match done {
                Some(Some(key)) => { secret.insert(person, key); }
                Some(None) => { secret.remove(person); }
                None => {}
            }
        }
        // The specification, entry by entry: an enroll_key by someone else for
        // a person an earlier entry (the import included) gave a key, of a key
        // that is not the person's own. A person's own keys: those of the
        // import, those they enrolled themselves, and a first key an admin
        // enrolled (trusted); one of them enrolled again undoes a revocation.
        let entries = l.entries();
        let mut had_key: std::collections::HashSet<String> = Default::default();
        let mut own: std::collections::HashSet<(String, String)> = Default::default();
        let mut expected: Vec<String> = Vec::new();
        for e in entries {
            match &e.action {
                Action::Import { roles, .. } => for k in &roles.keys {
                    had_key.insert(k.person.to_string());
                    own.insert((k.person.to_string(), k.public_key.clone()));
                },
                Action::EnrollKey { person, public_key } => {
                    let key = (person.to_string(), public_key.clone());
                    if e.actor.person == *person || !had_key.contains(person.as_str()) {
                        own.insert(key);
                    } else if !own.contains(&key) {
                        expected.push(format!("entries[{}]", e.seq));
                    }
                    had_key.insert(person.to_string());
                }
                _ => {}
            }
        }
        let found: Vec<String> = l.lint(&okrkit::lint::LintOptions::default()).findings.iter()
            .filter(|f| f.code == "key_replaced_by_admin")
            .map(|f| f.path.to_string())
            .collect();
        prop_assert_eq!(found, expected);
    }
}

/// A revocation undone — the admin enrols the person's own earlier key
/// again — puts no key of the admin's choosing in place: not reported. A
/// finding says when its key stopped signing.
#[test]
fn an_own_key_enrolled_again_is_not_reported() {
    let (bo_key, adm_key) = (BO_KEY, ADM_KEY);
    let now = t("2026-03-01T00:00:00Z");
    let at = t("2026-01-03T09:00:00Z");
    let mut l = signed_ledger();
    let revoke = || Action::RevokeKey {
        person: "bo".into(),
    };
    let enrol = |k: &[u8; 32]| Action::EnrollKey {
        person: "bo".into(),
        public_key: public_key_hex(k),
    };
    let found =
        |l: &Ledger| -> Vec<String> { keys_replaced(l).into_iter().map(|(_, m)| m).collect() };
    l.append_signed(now, at, ADM(), revoke(), &adm_key)
        .expect("revoked by mistake");
    l.append_signed(now, at, ADM(), enrol(&bo_key), &adm_key)
        .expect("Bo's own key again");
    l.append_signed(now, at, BO(), enrol(&[4u8; 32]), &bo_key)
        .expect("Bo rotates with it");
    assert_eq!(found(&l), Vec::<String>::new());
    // Then a key of the admin's: reported, and once revoked, says so.
    l.append_signed(now, at, ADM(), revoke(), &adm_key)
        .expect("revoked");
    l.append_signed(now, at, ADM(), enrol(&[9u8; 32]), &adm_key)
        .expect("the admin's key");
    l.append_signed(now, at, BO(), enrol(&[5u8; 32]), &[9u8; 32])
        .expect("used");
    let ended = l
        .append_signed(now, at, ADM(), revoke(), &adm_key)
        .expect("revoked")
        .seq;
    let messages = found(&l);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].contains("1 entry was signed as 'bo'"),
        "{messages:?}"
    );
    assert!(
        messages[0].contains(&format!("stopped signing at entry {ended}")),
        "{messages:?}"
    );
}

/// A public key signs for one person: enrolling a key that is, or was,
/// someone else's is refused — an admin's own key as another person's first
/// key, or one key for two people at the import.
#[test]
fn a_key_is_enrolled_for_one_person_only() {
    let (ana_key, adm_key) = (ANA_KEY, ADM_KEY);
    let now = t("2026-03-01T00:00:00Z");
    let at = t("2026-01-03T09:00:00Z");
    let twice = signed_roles(&[("ana", &ana_key), ("bo", &ana_key), ("adm", &adm_key)]);
    let err = Ledger::new()
        .append_signed(
            now,
            t("2026-01-02T09:00:00Z"),
            ADM(),
            Action::import_with_roles(doc(), twice),
            &adm_key,
        )
        .map(drop)
        .expect_err("one key for two people");
    assert_eq!(
        (err.code(), err.path()),
        ("not_allowed", "keys[bo]"),
        "{err}"
    );
    let mut l = signed_ledger();
    let before = l.to_jsonl();
    // Dee has no key: the admin tries their own as hers, then Ana's old one.
    let dee = |k: &[u8; 32]| Action::EnrollKey {
        person: "dee".into(),
        public_key: public_key_hex(k),
    };
    let err = l
        .append_signed(now, at, ADM(), dee(&adm_key), &adm_key)
        .map(drop)
        .expect_err("the admin's key");
    assert_eq!(
        (err.code(), err.path()),
        ("not_allowed", "keys[dee]"),
        "{err}"
    );
    l.append_signed(
        now,
        at,
        ANA(),
        Action::EnrollKey {
            person: "ana".into(),
            public_key: public_key_hex(&[7u8; 32]),
        },
        &ana_key,
    )
    .expect("Ana rotates");
    let err = l
        .append_signed(now, at, ADM(), dee(&ana_key), &adm_key)
        .map(drop)
        .expect_err("Ana's old key");
    assert_eq!(err.code(), "not_allowed", "{err}");
    assert!(err.to_string().contains("enrolled for 'ana'"), "{err}");
    assert!(l.to_jsonl().starts_with(&before));
    l.append_signed(now, at, ADM(), dee(&[8u8; 32]), &adm_key)
        .expect("a key of her own");
}

/// `append_now_signed` takes the time under the caller's lock, as
/// `append_now` does, and signs the entry with it: the actor's own key is
/// accepted and verifies after a reload; another person's key, or no
/// key, is `bad_signature` and leaves the ledger as it was.
#[test]
fn append_now_signed_signs_the_time_it_takes() {
    let mut l = signed_ledger();
    let check_in = || Action::CheckIn {
        key_result: "k1".into(),
        value: 55.0,
        confidence: None,
        note: None,
    };
    let before = l.to_jsonl();
    let code = |r: okrkit::Result<&okrkit::ledger::Entry>| r.map(|_| ()).unwrap_err().code();
    assert_eq!(
        code(l.append_now_signed(ANA(), check_in(), &BO_KEY)),
        "bad_signature"
    );
    assert_eq!(code(l.append_now(ANA(), check_in())), "bad_signature");
    assert_eq!(l.to_jsonl(), before, "refused entries change nothing");
    let at = l
        .append_now_signed(ANA(), check_in(), &ANA_KEY)
        .expect("signed with Ana's key")
        .at;
    assert!(at > l.entries()[0].at);
    let reloaded = Ledger::from_jsonl(l.to_jsonl().as_bytes()).expect("the signature verifies");
    assert_eq!(reloaded.head(), l.head());
}
