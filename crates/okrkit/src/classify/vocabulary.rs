//! The words the classifier knows: data, English by default, extendable.

use serde::{Deserialize, Serialize};

/// The word lists the classifier reads statements with (R1).
///
/// English by default ([`Vocabulary::english`], also [`Default`]). Callers
/// extend it with their own verbs and nouns, or start from
/// [`Vocabulary::empty`]. Entries are single words in their base form:
/// verbs are inflected automatically (`ship` also matches `ships`,
/// `shipped`, `shipping`; `build` also `built`), nouns get their plural
/// (`tool` also matches `tools`). A multi-word entry keeps its first word
/// for a verb (`set up` → `set`) and its last word for a noun (`shopping
/// cart` → `cart`). Matching ignores case.
///
/// The vocabulary is serde-able so bindings can pass it as JSON, in the form
/// of a [`VocabularySpec`]: the words given are **added** to the English
/// lists, unless `"replace": true` asks that the lists given replace them;
/// an unknown key is an error. It serialises with `"replace": true` and every
/// list, so what it writes reads back as the same vocabulary.
///
/// ```
/// use okrkit::classify::Vocabulary;
///
/// let v: Vocabulary = serde_json::from_str(r#"{"output_verbs": ["onboard"]}"#).unwrap();
/// assert!(v.output_verbs().iter().any(|w| w == "onboard"));
/// assert!(v.output_verbs().iter().any(|w| w == "build")); // added, not replaced
///
/// let v: Vocabulary =
///     serde_json::from_str(r#"{"output_verbs": ["onboard"], "replace": true}"#).unwrap();
/// assert_eq!(v.output_verbs(), ["onboard"]);
///
/// assert!(serde_json::from_str::<Vocabulary>(r#"{"output_verb": ["x"]}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(from = "VocabularySpec", into = "VocabularySpec")]
pub struct Vocabulary {
    output_verbs: Vec<String>,
    outcome_verbs: Vec<String>,
    metric_nouns: Vec<String>,
    output_nouns: Vec<String>,
    completion_words: Vec<String>,
    outcome_hints: Vec<OutcomeHint>,
}

/// What a caller passes to make a [`Vocabulary`] (a JSON object, a Python
/// dict, a JavaScript object, a Kotlin or Swift record): lists of words, each
/// optional. The words are added to the English lists — the rule in every
/// language — unless `replace` is true: then each list given replaces its
/// English counterpart (lists not given keep theirs). A key not listed here
/// is an error (`deny_unknown_fields`).
///
/// ```
/// use okrkit::classify::VocabularySpec;
///
/// let spec = VocabularySpec {
///     metric_nouns: Some(vec!["bookings".into()]),
///     ..VocabularySpec::default()
/// };
/// let v = spec.build();
/// assert!(v.metric_nouns().iter().any(|w| w == "bookings"));
/// assert!(v.metric_nouns().iter().any(|w| w == "churn"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VocabularySpec {
    /// Verbs of work done or shipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub output_verbs: Option<Vec<String>>,
    /// Verbs of change in a result.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub outcome_verbs: Option<Vec<String>>,
    /// Nouns of things measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metric_nouns: Option<Vec<String>>,
    /// Nouns of deliverables.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub output_nouns: Option<Vec<String>>,
    /// Words saying work is finished.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub completion_words: Option<Vec<String>>,
    /// Outcome hints (added before the English ones, or replacing them).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub outcome_hints: Option<Vec<OutcomeHint>>,
    /// The lists given replace the English ones instead of extending them.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub replace: bool,
}

impl VocabularySpec {
    /// The vocabulary this spec describes (see the type's documentation).
    pub fn build(&self) -> Vocabulary {
        let mut v = if self.replace {
            let mut v = Vocabulary::english();
            let set = |list: &mut Vec<String>, given: &Option<Vec<String>>, verb: bool| {
                if let Some(words) = given {
                    list.clear();
                    add_to(list, words, verb);
                }
            };
            set(&mut v.output_verbs, &self.output_verbs, true);
            set(&mut v.outcome_verbs, &self.outcome_verbs, true);
            set(&mut v.metric_nouns, &self.metric_nouns, false);
            set(&mut v.output_nouns, &self.output_nouns, false);
            set(&mut v.completion_words, &self.completion_words, false);
            if self.outcome_hints.is_some() {
                v.outcome_hints.clear();
            }
            v
        } else {
            let mut v = Vocabulary::english();
            let none = Vec::new();
            v.add_output_verbs(self.output_verbs.as_ref().unwrap_or(&none))
                .add_outcome_verbs(self.outcome_verbs.as_ref().unwrap_or(&none))
                .add_metric_nouns(self.metric_nouns.as_ref().unwrap_or(&none))
                .add_output_nouns(self.output_nouns.as_ref().unwrap_or(&none))
                .add_completion_words(self.completion_words.as_ref().unwrap_or(&none));
            v
        };
        if let Some(hints) = &self.outcome_hints {
            // Given hints come first, in their order.
            for h in hints.iter().rev() {
                v.add_outcome_hint(&h.triggers, h.outcome.clone());
            }
        }
        v
    }
}

impl From<VocabularySpec> for Vocabulary {
    fn from(spec: VocabularySpec) -> Self {
        spec.build()
    }
}

impl From<Vocabulary> for VocabularySpec {
    /// Every list, with `replace`: reads back as the same vocabulary.
    fn from(v: Vocabulary) -> Self {
        VocabularySpec {
            output_verbs: Some(v.output_verbs),
            outcome_verbs: Some(v.outcome_verbs),
            metric_nouns: Some(v.metric_nouns),
            output_nouns: Some(v.output_nouns),
            completion_words: Some(v.completion_words),
            outcome_hints: Some(v.outcome_hints),
            replace: true,
        }
    }
}

/// Which kind of outcome a piece of work usually moves, keyed by the words
/// that reveal the work (used in suggestions for outputs, R1 and seed 004).
///
/// Hints are tried in order: the first hint with a trigger in the statement
/// wins, so put specific hints (`cart`) before generic ones (`build`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutcomeHint {
    /// Words that point to this hint (single words, matched like nouns and
    /// verbs of the vocabulary).
    pub triggers: Vec<String>,
    /// The outcome to name, completing "…the change you expect in ___".
    pub outcome: String,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self::english()
    }
}

fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_string()).collect()
}

/// Reduces an entry to the single lowercase word the classifier matches.
fn normalize(entry: &str, keep_first: bool) -> Option<String> {
    let mut words = entry
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty());
    let word = if keep_first {
        words.next()
    } else {
        words.next_back()
    }?;
    let lower: String = word
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '.')
        .flat_map(char::to_lowercase)
        .collect();
    (!lower.is_empty()).then_some(lower)
}

fn add_to(list: &mut Vec<String>, entries: impl IntoIterator<Item = impl AsRef<str>>, verb: bool) {
    for entry in entries {
        if let Some(word) = normalize(entry.as_ref(), verb)
            && !list.contains(&word)
        {
            list.push(word);
        }
    }
}

fn remove_from(list: &mut Vec<String>, entries: &[String]) {
    list.retain(|w| !entries.contains(w));
}

impl Vocabulary {
    /// An empty vocabulary: the classifier then only reads numbers,
    /// comparators and patterns such as "from X to Y".
    pub fn empty() -> Self {
        Vocabulary {
            output_verbs: Vec::new(),
            outcome_verbs: Vec::new(),
            metric_nouns: Vec::new(),
            output_nouns: Vec::new(),
            completion_words: Vec::new(),
            outcome_hints: Vec::new(),
        }
    }

    /// The English vocabulary okrkit ships with.
    pub fn english() -> Self {
        Vocabulary {
            output_verbs: owned(ENGLISH_OUTPUT_VERBS),
            outcome_verbs: owned(ENGLISH_OUTCOME_VERBS),
            metric_nouns: owned(ENGLISH_METRIC_NOUNS),
            output_nouns: owned(ENGLISH_OUTPUT_NOUNS),
            completion_words: owned(ENGLISH_COMPLETION_WORDS),
            outcome_hints: ENGLISH_HINTS
                .iter()
                .map(|(triggers, outcome)| OutcomeHint {
                    triggers: owned(triggers),
                    outcome: (*outcome).to_string(),
                })
                .collect(),
        }
    }

    /// Adds verbs of work done or shipped ("build", "launch", "hire"). A key
    /// result that starts with one reads as an output (R1). The words are
    /// removed from the outcome verbs if they were there.
    pub fn add_output_verbs(
        &mut self,
        verbs: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> &mut Self {
        let before = self.output_verbs.len();
        add_to(&mut self.output_verbs, verbs, true);
        let added = self.output_verbs[before..].to_vec();
        remove_from(&mut self.outcome_verbs, &added);
        self
    }

    /// Adds verbs of change in a result ("increase", "reduce", "reach"). The
    /// words are removed from the output verbs if they were there.
    pub fn add_outcome_verbs(
        &mut self,
        verbs: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> &mut Self {
        let before = self.outcome_verbs.len();
        add_to(&mut self.outcome_verbs, verbs, true);
        let added = self.outcome_verbs[before..].to_vec();
        remove_from(&mut self.output_verbs, &added);
        self
    }

    /// Adds nouns of things measured ("churn", "latency", "bookings").
    pub fn add_metric_nouns(
        &mut self,
        nouns: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> &mut Self {
        add_to(&mut self.metric_nouns, nouns, false);
        self
    }

    /// Adds nouns of deliverables ("tool", "feature", "report").
    pub fn add_output_nouns(
        &mut self,
        nouns: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> &mut Self {
        add_to(&mut self.output_nouns, nouns, false);
        self
    }

    /// Adds words saying that work is finished ("done", "ready", "live").
    /// Past participles of output verbs ("shipped") are known already.
    pub fn add_completion_words(
        &mut self,
        words: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> &mut Self {
        add_to(&mut self.completion_words, words, false);
        self
    }

    /// Adds an outcome hint, tried before the existing ones.
    pub fn add_outcome_hint(
        &mut self,
        triggers: impl IntoIterator<Item = impl AsRef<str>>,
        outcome: impl Into<String>,
    ) -> &mut Self {
        let mut words = Vec::new();
        add_to(&mut words, triggers, false);
        self.outcome_hints.insert(
            0,
            OutcomeHint {
                triggers: words,
                outcome: outcome.into(),
            },
        );
        self
    }

    /// Verbs of work done or shipped.
    pub fn output_verbs(&self) -> &[String] {
        &self.output_verbs
    }

    /// Verbs of change in a result.
    pub fn outcome_verbs(&self) -> &[String] {
        &self.outcome_verbs
    }

    /// Nouns of things measured.
    pub fn metric_nouns(&self) -> &[String] {
        &self.metric_nouns
    }

    /// Nouns of deliverables.
    pub fn output_nouns(&self) -> &[String] {
        &self.output_nouns
    }

    /// Words saying that work is finished.
    pub fn completion_words(&self) -> &[String] {
        &self.completion_words
    }

    /// Outcome hints, in the order they are tried.
    pub fn outcome_hints(&self) -> &[OutcomeHint] {
        &self.outcome_hints
    }
}

/// Verbs of doing or shipping work: a key result led by one is an output.
#[rustfmt::skip]
const ENGLISH_OUTPUT_VERBS: &[&str] = &[
    "build", "create", "implement", "integrate", "launch", "ship", "release", "deploy", "develop",
    "design", "redesign", "write", "publish", "post", "hire", "recruit", "onboard", "hold", "host",
    "run", "organize", "organise", "conduct", "facilitate", "attend", "schedule", "migrate",
    "introduce", "execute", "complete", "finish", "finalize", "finalise", "deliver", "define",
    "draft", "document", "prepare", "plan", "set", "setup", "establish", "start", "kick", "roll",
    "install", "configure", "automate", "optimize", "optimise", "refactor", "rewrite", "upgrade",
    "update", "fix", "test", "pilot", "prototype", "audit", "review", "research", "investigate",
    "explore", "evaluate", "assess", "analyze", "analyse", "study", "identify", "map", "consider",
    "propose", "validate", "track", "triage", "handle", "enable", "open", "do", "perform",
    "produce", "record", "send", "train", "teach", "coach", "mentor", "interview", "survey",
    "translate", "localize", "localise", "standardize", "standardise", "consolidate", "replace",
    "remove", "clean", "archive", "submit", "refine", "adopt", "buy", "purchase", "visit",
    "contact", "announce", "present", "demo", "draw", "code", "outline", "compile", "gather",
    "arrange", "process",
];

/// Verbs of change in a result: a key result led by one leans outcome.
#[rustfmt::skip]
const ENGLISH_OUTCOME_VERBS: &[&str] = &[
    "increase", "reduce", "decrease", "grow", "improve", "raise", "lift", "cut", "lower", "boost",
    "achieve", "reach", "maintain", "keep", "sustain", "hit", "exceed", "double", "triple", "halve",
    "drive", "generate", "convert", "retain", "attain", "minimize", "minimise", "maximize",
    "maximise", "shorten", "accelerate", "eliminate", "gain", "acquire", "win", "earn", "save",
    "stay", "remain", "receive", "decline", "speed", "surpass", "outperform", "drop", "fall",
    "rise", "climb", "shrink",
];

/// Nouns of things measured: rates, money, time, people counted.
#[rustfmt::skip]
const ENGLISH_METRIC_NOUNS: &[&str] = &[
    "rate", "conversion", "retention", "churn", "revenue", "arr", "mrr", "iacv", "acv", "arpu",
    "ltv", "cac", "nps", "csat", "ces", "enps", "ctr", "satisfaction", "engagement", "activation",
    "adoption", "usage", "latency", "uptime", "availability", "downtime", "reliability",
    "performance", "throughput", "accuracy", "error", "defect", "bug", "incident", "outage",
    "crash", "accident", "complaint", "escalation", "time", "duration", "speed", "cost", "expense",
    "spend", "profit", "margin", "sales", "growth", "pipeline", "traffic", "session", "visitor",
    "user", "customer", "client", "subscriber", "member", "account", "company", "signup", "lead",
    "mql", "sql", "sqo", "sao", "deal", "seat", "download", "install", "booking", "order",
    "transaction", "score", "rating", "star", "feedback", "sentiment", "perception", "awareness",
    "readership", "viewership", "audience", "impression", "click", "quota", "attainment",
    "efficiency", "productivity", "variance", "volume", "value", "aov", "gmv", "roi", "compliance",
    "readmission", "wait", "response", "resolution", "abandonment", "bounce", "utilization",
    "utilisation", "saving", "savings", "loss", "waste", "turnover", "attrition", "average", "avg",
    "mean", "median", "p50", "p90", "p95", "p99", "percentile", "ratio", "frequency", "size", "kpi",
    "sla", "slo", "mttr", "mttd", "mtbf", "dau", "mau", "wau", "active", "renewal", "share",
    "occupancy", "yield", "net", "gross", "recurring", "repeat", "vulnerability",
];

/// Nouns of deliverables: things a team builds, writes, runs or ships.
#[rustfmt::skip]
const ENGLISH_OUTPUT_NOUNS: &[&str] = &[
    "tool", "feature", "report", "dashboard", "app", "page", "website", "site", "portal", "process",
    "program", "programme", "campaign", "survey", "roadmap", "guideline", "documentation", "doc",
    "docs", "tutorial", "guide", "module", "service", "system", "framework", "policy", "plan",
    "strategy", "template", "training", "bootcamp", "camp", "course", "curriculum", "certification",
    "meeting", "standup", "workshop", "event", "webinar", "conference", "hackathon", "offsite",
    "audit", "mvp", "prototype", "poc", "integration", "redesign", "post", "article", "blog",
    "content", "newsletter", "video", "podcast", "ebook", "whitepaper", "study", "checklist",
    "playbook", "handbook", "manual", "wiki", "specification", "spec", "mockup", "wireframe",
    "release", "launch", "version", "migration", "refactor", "rewrite", "upgrade", "fix", "patch",
    "test", "testing", "automation", "api", "endpoint", "sdk", "plugin", "extension", "widget",
    "component", "library", "script", "bot", "chatbot", "flow", "onboarding", "interview", "hiring",
    "taxonomy", "publication", "norm", "message", "form", "presentation", "deck", "proposal",
    "initiative", "project", "task", "milestone", "deliverable", "review", "retrospective", "retro",
    "demo", "reminder", "notification", "login", "button", "screen", "infrastructure", "infra",
    "functionality", "capability", "solution", "backlog", "pr",
];

/// Words saying that work is finished ("… is done", "… ready for launch").
#[rustfmt::skip]
const ENGLISH_COMPLETION_WORDS: &[&str] = &[
    "done", "ready", "live", "complete", "completed", "finished", "available", "operational",
    "added",
];

/// Outcome hints, most specific first.
const ENGLISH_HINTS: &[(&[&str], &str)] = &[
    (
        &[
            "cart", "checkout", "basket", "payment", "pricing", "signup", "sign", "trial",
            "funnel", "paywall",
        ],
        "conversion or retention (for example checkout conversion rate or repeat purchase rate)",
    ),
    (
        &[
            "onboarding",
            "setup",
            "activation",
            "tutorial",
            "walkthrough",
        ],
        "activation (for example activation rate or time to first value)",
    ),
    (
        &[
            "support",
            "ticket",
            "helpdesk",
            "faq",
            "knowledge",
            "chatbot",
            "documentation",
            "docs",
            "guide",
        ],
        "support results (for example resolution time, ticket volume or customer satisfaction)",
    ),
    (
        &[
            "blog",
            "post",
            "article",
            "content",
            "newsletter",
            "seo",
            "podcast",
            "webinar",
            "study",
            "ebook",
            "publish",
            "write",
        ],
        "reach and engagement (for example organic traffic, subscribers or qualified leads)",
    ),
    (
        &[
            "campaign",
            "ads",
            "advertising",
            "marketing",
            "referral",
            "outreach",
            "event",
            "conference",
        ],
        "acquisition (for example qualified leads, sign-ups or customer acquisition cost)",
    ),
    (
        &[
            "hire",
            "recruit",
            "hiring",
            "engineer",
            "developer",
            "headcount",
            "staff",
            "contractor",
            "onboard",
        ],
        "delivery capacity (for example cycle time, throughput or lead time for changes)",
    ),
    (
        &[
            "caching",
            "cache",
            "cdn",
            "monitoring",
            "infrastructure",
            "infra",
            "server",
            "database",
            "migrate",
            "migration",
            "deploy",
            "optimize",
            "optimise",
            "refactor",
            "upgrade",
            "kubernetes",
            "cloud",
        ],
        "reliability and performance (for example latency, uptime or incident count)",
    ),
    (
        &[
            "test", "testing", "review", "audit", "qa", "bug", "fix", "triage", "security",
        ],
        "quality (for example defects reaching customers, change failure rate or incident count)",
    ),
    (
        &["interview", "survey", "research", "feedback", "study"],
        "customer understanding that shows in a metric (for example satisfaction, retention or conversion of the segment studied)",
    ),
    (
        &[
            "meeting",
            "standup",
            "workshop",
            "training",
            "bootcamp",
            "coach",
            "mentor",
            "process",
            "norm",
            "retrospective",
            "policy",
            "culture",
        ],
        "how the team works (for example employee engagement, cycle time or delivery predictability)",
    ),
    (
        &[
            "launch",
            "release",
            "ship",
            "feature",
            "app",
            "dashboard",
            "integrate",
            "integration",
            "enable",
            "introduce",
            "mvp",
            "version",
        ],
        "adoption and usage (for example weekly active users of it or the share of customers who use it)",
    ),
];
