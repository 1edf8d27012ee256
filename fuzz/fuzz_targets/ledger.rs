//! Any bytes as a ledger in JSON Lines: loading verifies and replays; whatever
//! loads must verify, replay and write back identically.
#![no_main]

use libfuzzer_sys::fuzz_target;
use okrkit::ledger::Ledger;

fuzz_target!(|data: &[u8]| {
    let Ok(ledger) = Ledger::from_jsonl(data) else {
        return;
    };
    ledger.verify().expect("a loaded ledger verifies");
    let _ = ledger.replay(None);
    let text = ledger.to_jsonl();
    let again = Ledger::from_jsonl(text.as_bytes()).expect("reloads");
    assert_eq!(again.to_jsonl(), text);
});
