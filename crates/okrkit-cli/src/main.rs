#[allow(dead_code)] // wired into the command by the integrator
mod ledger_cmd;

fn main() {}
