//! Where findings go: every finding, or only errors (as [`Config::parse`](crate::Config::parse)
//! needs), with at most [`PER_RULE`] findings of one rule per connection string.

use std::ops::Range;

use crate::validate::finding::{Finding, Rule, Severity};

/// Which findings an analysis builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Collect {
    /// Errors and warnings.
    All,
    /// Errors only: warnings are not built at all.
    Errors,
}

/// Findings kept per rule and connection string: a hostile string with a million duplicate
/// keys yields 100 findings and a note, not a million.
pub(crate) const PER_RULE: usize = 100;

const RULES: usize = Rule::ALL.len();

/// Collects findings (see the module docs).
pub(crate) struct Sink {
    collect: Collect,
    findings: Vec<Finding>,
    /// Per rule: findings kept.
    kept: [usize; RULES],
    /// Per rule: findings dropped, and the span of the last one dropped.
    dropped: [(usize, Range<usize>); RULES],
}

impl Sink {
    pub(crate) fn new(collect: Collect) -> Self {
        Sink {
            collect,
            findings: Vec::new(),
            kept: [0; RULES],
            dropped: std::array::from_fn(|_| (0, 0..0)),
        }
    }

    /// Would a finding of `rule` at `span` be kept? If it would be dropped for the cap, it is
    /// counted now, so that hot paths skip building its message.
    #[inline]
    pub(crate) fn wants(&mut self, rule: Rule, span: &Range<usize>) -> bool {
        if self.collect == Collect::Errors && rule.severity() == Severity::Warning {
            return false;
        }
        let i = rule.index();
        if self.kept.get(i).is_some_and(|&k| k < PER_RULE) {
            return true;
        }
        if let Some(d) = self.dropped.get_mut(i) {
            d.0 += 1;
            d.1 = span.clone();
        }
        false
    }

    /// Adds a finding (call [`wants`](Self::wants) first where building it costs).
    pub(crate) fn push(&mut self, f: Finding) {
        if self.wants(f.rule, &f.span) {
            if let Some(k) = self.kept.get_mut(f.rule.index()) {
                *k += 1;
            }
            self.findings.push(f);
        }
    }

    /// The findings in the order of the text, with one note per rule that dropped some.
    pub(crate) fn finish(mut self) -> Vec<Finding> {
        for (rule, (dropped, span)) in Rule::ALL.iter().zip(self.dropped) {
            if dropped > 0 {
                let message = format!(
                    "{dropped} more {} findings in this connection string are not shown",
                    rule.name()
                );
                self.findings.push(Finding::new(*rule, span, message));
            }
        }
        self.findings.sort_by_key(|f| f.span.start);
        self.findings
    }
}
