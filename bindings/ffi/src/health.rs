//! Program health (R10): check-in cadence, stale key results, the outcome
//! share, score and confidence distributions, renegotiation and dependency
//! flow. Mirrors of the core's report with signed counts.

use crate::error::OkrError;
use crate::score::Calibration;
use crate::types::count;
use chrono::NaiveDate;
use okrkit::{CycleId, KeyResultId, TeamId};

/// Health settings; `null` / `nil` keeps the core's default (the cycle's end,
/// stale after 14 days).
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct HealthOptions {
    /// The date the report is made at (default: the cycle's end).
    #[uniffi(default = None)]
    pub as_of: Option<NaiveDate>,
    /// A key result without a check-in for more days than this is stale.
    #[uniffi(default = None)]
    pub stale_after_days: Option<i64>,
}

impl HealthOptions {
    pub(crate) fn to_core(&self) -> Result<okrkit::health::HealthOptions, OkrError> {
        let mut o = okrkit::health::HealthOptions::default();
        o.as_of = self.as_of;
        if let Some(d) = self.stale_after_days {
            o.stale_after_days = crate::types::days(d, "stale_after_days")?;
        }
        Ok(o)
    }
}

/// Scores per band (red, yellow, green) and not scored.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct BandCounts {
    pub red: i32,
    pub yellow: i32,
    pub green: i32,
    pub not_scored: i32,
}

/// Renegotiations (R4) proposed, and how they ended.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RenegotiationFlow {
    pub proposed: i32,
    pub accepted: i32,
    pub declined: i32,
    pub countered: i32,
    pub withdrawn: i32,
    pub open: i32,
}

/// Dependencies (R7) opened, and how they were answered.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DependencyFlow {
    pub opened: i32,
    pub accepted: i32,
    pub declined: i32,
    pub escalated: i32,
    pub unanswered: i32,
}

/// One team's health (or the whole organisation's, `team` = `null` / `nil`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TeamHealth {
    pub team: Option<TeamId>,
    pub objectives: i32,
    pub key_results: i32,
    pub check_ins: i32,
    pub check_ins_per_key_result_per_week: Option<f64>,
    pub key_results_without_check_in: i32,
    pub stale_key_results: Vec<KeyResultId>,
    pub outcome_key_results: i32,
    pub outcome_share: Option<f64>,
    pub score_bands: BandCounts,
    /// Scores in ten bins of 0.1 (the last holds 0.9–1.0).
    pub score_histogram: Vec<i32>,
    /// Confidences in eleven bins (0.0, 0.1, … 1.0).
    pub confidence_histogram: Vec<i32>,
    pub mean_confidence: Option<f64>,
    pub renegotiations: RenegotiationFlow,
    pub dependencies: DependencyFlow,
}

/// Program health of a cycle.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct HealthReport {
    pub cycle: CycleId,
    pub as_of: NaiveDate,
    pub organisation: TeamHealth,
    pub teams: Vec<TeamHealth>,
    pub calibration: Vec<Calibration>,
}

impl From<okrkit::health::TeamHealth> for TeamHealth {
    fn from(t: okrkit::health::TeamHealth) -> Self {
        let r = t.renegotiations;
        let d = t.dependencies;
        TeamHealth {
            team: t.team,
            objectives: count(t.objectives),
            key_results: count(t.key_results),
            check_ins: count(t.check_ins),
            check_ins_per_key_result_per_week: t.check_ins_per_key_result_per_week,
            key_results_without_check_in: count(t.key_results_without_check_in),
            stale_key_results: t.stale_key_results,
            outcome_key_results: count(t.outcome_key_results),
            outcome_share: t.outcome_share,
            score_bands: BandCounts {
                red: count(t.score_bands.red),
                yellow: count(t.score_bands.yellow),
                green: count(t.score_bands.green),
                not_scored: count(t.score_bands.not_scored),
            },
            score_histogram: t.score_histogram.iter().map(|n| count(*n)).collect(),
            confidence_histogram: t.confidence_histogram.iter().map(|n| count(*n)).collect(),
            mean_confidence: t.mean_confidence,
            renegotiations: RenegotiationFlow {
                proposed: count(r.proposed),
                accepted: count(r.accepted),
                declined: count(r.declined),
                countered: count(r.countered),
                withdrawn: count(r.withdrawn),
                open: count(r.open),
            },
            dependencies: DependencyFlow {
                opened: count(d.opened),
                accepted: count(d.accepted),
                declined: count(d.declined),
                escalated: count(d.escalated),
                unanswered: count(d.unanswered),
            },
        }
    }
}

impl From<okrkit::health::HealthReport> for HealthReport {
    fn from(r: okrkit::health::HealthReport) -> Self {
        HealthReport {
            cycle: r.cycle,
            as_of: r.as_of,
            organisation: r.organisation.into(),
            teams: r.teams.into_iter().map(Into::into).collect(),
            calibration: crate::mirror::each(r.calibration),
        }
    }
}
