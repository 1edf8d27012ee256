//! The renegotiation ledger (R4, R8), end to end: a team's OKRs are imported
//! as agreed, the team proposes a new target with a reason, a teammate may not
//! accept it, the approving team does; the history shows every target the key
//! result had, and any edit of the file is caught.
//!
//! `cargo run -p okrkit-examples --example ledger [-- --write examples/data/ledger.jsonl]`

use okrkit::ledger::{Action, Actor, Change, Ledger, Membership, Roles};
use okrkit::{Document, Error};

fn main() -> Result<(), Error> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/checkout.json");
    let doc = Document::from_json(&std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?)?;
    let t = |s: &str| {
        s.parse::<chrono::DateTime<chrono::Utc>>()
            .expect("a valid time")
    };
    let mut ledger = Ledger::new();
    ledger.append(
        t("2026-01-05T09:00:00Z"),
        Actor::new("tomas", "shop"),
        Action::Import {
            document: Box::new(doc),
            // Agreed before the ledger started, by Tomás for the shop.
            agreed: vec![
                serde_json::from_str(
                    r#"{"team": "checkout", "cycle": "2026-Q1", "agreed_by": "tomas"}"#,
                )
                .expect("set"),
            ],
            // Tomás (importing) is the admin; who acts for which team is recorded.
            roles: Roles {
                members: vec![
                    Membership::new("shop", "tomas"),
                    Membership::new("checkout", "mara"),
                ],
                ..Roles::default()
            },
        },
    )?;
    let proposal = ledger
        .append(
            t("2026-02-03T10:00:00Z"),
            Actor::new("mara", "checkout"),
            Action::ProposeChange {
                change: Change::Target {
                    key_result: "kr-conversion".into(),
                    target: 62.0,
                },
                reason: "The payment provider migration slipped to March".into(),
            },
        )?
        .id
        .clone();
    // The proposer's own team cannot accept: the other side of the agreement must (R4).
    let refused = ledger.append(
        t("2026-02-03T11:00:00Z"),
        Actor::new("mara", "checkout"),
        Action::Accept {
            proposal: proposal.clone(),
        },
    );
    println!(
        "accept by the proposer: {}",
        refused
            .map(|_| "accepted?!".to_owned())
            .unwrap_or_else(|e| e.to_string())
    );
    ledger.append(
        t("2026-02-04T09:00:00Z"),
        Actor::new("tomas", "shop"),
        Action::Accept { proposal },
    )?;
    ledger.append(
        t("2026-02-12T09:00:00Z"),
        Actor::new("mara", "checkout"),
        Action::CheckIn {
            key_result: "kr-conversion".into(),
            value: 58.4,
            confidence: Some(7.0),
            note: None,
        },
    )?;
    println!("\nhistory of kr-conversion:");
    for v in ledger.history("kr-conversion")? {
        println!("  {}", serde_json::to_string(v).unwrap_or_default());
    }
    let text = ledger.to_jsonl();
    let forged = text.replacen("62.0", "60.0", 1);
    println!(
        "\nverify the file: {} entries, head {}",
        ledger.len(),
        ledger.head()
    );
    match Ledger::from_jsonl(forged.as_bytes()) {
        Err(e) => println!("verify a forged copy: {e}"),
        Ok(_) => println!("verify a forged copy: passed?!"),
    }
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write") {
        let out = args.get(i + 1).map_or("ledger.jsonl", String::as_str);
        std::fs::write(out, &text).map_err(|e| Error::io(out, e))?;
        println!("wrote {out}");
    }
    Ok(())
}
