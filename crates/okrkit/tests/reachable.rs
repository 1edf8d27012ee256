#![allow(deprecated)] // `lint::LintConfig` is a deprecated alias, and still public.
//! Every public type is reachable: named here by its public path (the `use`
//! compiles only if the path is public), and the test fails when a `pub`
//! type is added in the sources without being listed here, i.e. without a
//! thought about where users find it. The paths are the crate root (the
//! model, ids, errors, `Org`) or one module (`okrkit::ledger::Ledger`).

use std::path::Path;

macro_rules! reachable {
    ($name:ident in $module:ident $(#[$cfg:meta])? { $($($seg:ident)::+,)+ }) => {
        const $name: &[&str] = &[$(stringify!($($seg)::+)),+];
        $(#[$cfg])?
        #[allow(unused_imports)]
        mod $module {
            $(use $($seg)::+ as _;)+
        }
    };
}

reachable!(PUBLIC in public {
    okrkit::Alignment,
    okrkit::AlignmentKind,
    okrkit::CheckIn,
    okrkit::CheckInRef,
    okrkit::CheckIns,
    okrkit::CheckInsIter,
    okrkit::Cycle,
    okrkit::CycleId,
    okrkit::Document,
    okrkit::DocumentRef,
    okrkit::Error,
    okrkit::IdArg,
    okrkit::Initiative,
    okrkit::InitiativeId,
    okrkit::InitiativeStatus,
    okrkit::IoSource,
    okrkit::KeyResult,
    okrkit::KeyResultId,
    okrkit::Measure,
    okrkit::MeasureKind,
    okrkit::Objective,
    okrkit::ObjectiveId,
    okrkit::ObjectiveType,
    okrkit::Org,
    okrkit::OrgAnswer,
    okrkit::OrgQuery,
    okrkit::Person,
    okrkit::PersonId,
    okrkit::PersonalGoal,
    okrkit::PersonalGoalId,
    okrkit::Position,
    okrkit::Problem,
    okrkit::ProblemCode,
    okrkit::ProofFailure,
    okrkit::RefusalCode,
    okrkit::Result,
    okrkit::SharedText,
    okrkit::Team,
    okrkit::TeamId,
    okrkit::ThresholdDirection,
    okrkit::Visibility,
    okrkit::classify::Classification,
    okrkit::classify::Classifier,
    okrkit::classify::ClassifyAnswer,
    okrkit::classify::ClassifyQuery,
    okrkit::classify::Model,
    okrkit::classify::OutcomeHint,
    okrkit::classify::Signal,
    okrkit::classify::SignalCode,
    okrkit::classify::StatementKind,
    okrkit::classify::StructureHint,
    okrkit::classify::Vocabulary,
    okrkit::classify::VocabularySpec,
    okrkit::classify::train::Example,
    okrkit::classify::train::Options,
    okrkit::health::BandCounts,
    okrkit::health::DependencyFlow,
    okrkit::health::HealthOptions,
    okrkit::health::HealthReport,
    okrkit::health::RenegotiationFlow,
    okrkit::health::TeamHealth,
    okrkit::import::Difference,
    okrkit::import::ElementKind,
    okrkit::import::Fate,
    okrkit::import::FieldReport,
    okrkit::import::ImportReport,
    okrkit::import::Imported,
    okrkit::import::Reconciliation,
    okrkit::import::Source,
    okrkit::import::table::Cell,
    okrkit::import::table::EmptyCell,
    okrkit::import::table::PercentMode,
    okrkit::import::table::TableOptions,
    okrkit::ledger::Action,
    okrkit::ledger::Actor,
    okrkit::ledger::AgreedSet,
    okrkit::ledger::Change,
    okrkit::ledger::Dependency,
    okrkit::ledger::DependencyStatus,
    okrkit::ledger::EnrolledKey,
    okrkit::ledger::Entry,
    okrkit::ledger::EntryHash,
    okrkit::ledger::EntryId,
    okrkit::ledger::FeedbackNote,
    okrkit::ledger::KeyResultEvent,
    okrkit::ledger::KeyResultRenegotiations,
    okrkit::ledger::KeyResultVersion,
    okrkit::ledger::Ledger,
    okrkit::ledger::LedgerQuery,
    okrkit::ledger::LedgerView,
    okrkit::ledger::Membership,
    okrkit::ledger::Moment,
    okrkit::ledger::OkrSetState,
    okrkit::ledger::Proposal,
    okrkit::ledger::ProposalStatus,
    okrkit::ledger::QueryAnswer,
    okrkit::ledger::Retrospective,
    okrkit::ledger::RetrospectiveAnswers,
    okrkit::ledger::Review,
    okrkit::ledger::ReviewQuestion,
    okrkit::ledger::Roles,
    okrkit::ledger::SetStatus,
    okrkit::ledger::Side,
    okrkit::ledger::Verified,
    okrkit::ledger::ViewAnswer,
    okrkit::ledger::WaitingDependency,
    okrkit::ledger::WaitingFor,
    okrkit::ledger::checkpoint::Checkpoint,
    okrkit::ledger::checkpoint::CheckpointVerified,
    okrkit::ledger::checkpoint::ConsistencyProof,
    okrkit::ledger::checkpoint::InclusionProof,
    okrkit::ledger::checkpoint::Prover,
    okrkit::ledger::merkle::Hash,
    okrkit::ledger::merkle::MerkleTree,
    okrkit::ledger::note::Note,
    okrkit::ledger::note::NoteSignature,
    okrkit::ledger::note::OpenedNote,
    okrkit::ledger::note::SigningKey,
    okrkit::ledger::note::VerifierKey,
    okrkit::ledger::signing::SecretKey,
    okrkit::lint::Finding,
    okrkit::lint::FindingCode,
    okrkit::lint::LintConfig,
    okrkit::lint::LintOptions,
    okrkit::lint::LintReport,
    okrkit::lint::Location,
    okrkit::lint::Rule,
    okrkit::lint::RuleCode,
    okrkit::lint::RuleLevel,
    okrkit::lint::Severity,
    okrkit::options::ReadOptions,
    okrkit::progress::AlignedProgress,
    okrkit::progress::CycleProgress,
    okrkit::progress::KeyResultProgressRef,
    okrkit::progress::KeyResultProgress,
    okrkit::progress::LeftOutReason,
    okrkit::progress::MilestonePolicy,
    okrkit::progress::ObjectiveProgressRef,
    okrkit::progress::ObjectiveProgress,
    okrkit::progress::Pace,
    okrkit::progress::PaceStatus,
    okrkit::progress::ProgressColumns,
    okrkit::progress::LazyReport,
    okrkit::progress::ProgressOptions,
    okrkit::progress::ProgressReport,
    okrkit::progress::ReportAnswer,
    okrkit::progress::ReportQuery,
    okrkit::progress::TeamProgress,
    okrkit::progress::ValueSource,
    okrkit::progress::WeightedMean,
    okrkit::score::Band,
    okrkit::score::Calibration,
    okrkit::score::CalibrationFlag,
    okrkit::score::KeyResultScore,
    okrkit::score::ObjectiveScore,
    okrkit::score::ScoreReport,
    okrkit::score::TeamCycleScore,
    okrkit::score::Verdict,
    okrkit::table::Cells,
    okrkit::table::Column,
    okrkit::table::ColumnSpec,
    okrkit::table::DType,
    okrkit::table::Show,
    okrkit::table::Table,
    okrkit::table::TextLayout,
    okrkit::table::Texts,
    okrkit::table::Values,
    okrkit::table::progress::Scope,
    okrkit::table::view::HealthView,
    okrkit::table::view::HeldDocument,
    okrkit::table::view::HistoryView,
    okrkit::table::view::LintView,
    okrkit::table::view::ProgressView,
    okrkit::table::view::Rebuilt,
    okrkit::table::view::ReportView,
    okrkit::table::view::ScoreView,
});

reachable!(WITH_GENERATE in with_generate #[cfg(feature = "generate")] {
    okrkit::generate::GenerateOptions,
    okrkit::generate::LedgerOptions,
});

reachable!(WITH_PANDAS in with_pandas #[cfg(feature = "pandas")] {
    okrkit::table::pandas::Block,
    okrkit::table::pandas::Blocks,
    okrkit::table::pandas::Masked,
});

reachable!(WITH_ARROW_IPC in with_arrow_ipc #[cfg(feature = "arrow-ipc")] {
    okrkit::table::buffers::Handover,
});

reachable!(WITH_UNIFFI in with_uniffi #[cfg(feature = "uniffi")] {
    okrkit::uniffi_error::OkrError,
    okrkit::uniffi_error::Problems,
});

/// `pub struct|enum|trait|type NAME` at the start of a line, before any
/// inline `mod tests {`.
fn public_types(dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            public_types(&path, out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read file");
        for line in text.lines() {
            if line.starts_with("mod tests {") {
                break;
            }
            for kind in ["pub struct ", "pub enum ", "pub trait ", "pub type "] {
                if let Some(rest) = line.strip_prefix(kind) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.push((name, path.display().to_string()));
                }
            }
        }
    }
}

#[test]
fn every_public_type_is_named_by_a_public_path() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    public_types(&src, &mut found);
    assert!(found.len() > 100, "the scan found {} types", found.len());
    let listed: Vec<&str> = PUBLIC
        .iter()
        .chain(WITH_GENERATE)
        .chain(WITH_PANDAS)
        .chain(WITH_ARROW_IPC)
        .chain(WITH_UNIFFI)
        .filter_map(|p| p.rsplit("::").next())
        .map(str::trim)
        .collect();
    let missing: Vec<String> = found
        .iter()
        .filter(|(name, _)| !listed.contains(&name.as_str()))
        .map(|(name, file)| format!("{name} ({file})"))
        .collect();
    assert!(
        missing.is_empty(),
        "public types not named in tests/reachable.rs (re-export them from the root \
         or one public module, then list the path): {missing:?}"
    );
}

#[test]
fn paths_are_at_most_one_module_deep_except_named_submodules() {
    // The root, one module, or a documented submodule (ledger::checkpoint,
    // ledger::note, ledger::merkle, import::table, classify::train,
    // table::progress): never a private path.
    for p in PUBLIC
        .iter()
        .chain(WITH_GENERATE)
        .chain(WITH_PANDAS)
        .chain(WITH_UNIFFI)
    {
        let depth = p.split("::").count();
        assert!(depth <= 4, "{p}");
    }
}
