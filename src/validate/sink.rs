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
    /// Per rule: findings kept (at most [`PER_RULE`]).
    kept: [u8; RULES],
    /// Per rule: findings dropped, and the span of the last one dropped (made on the first).
    dropped: Option<Box<Dropped>>,
}

/// Findings dropped for the cap, per rule.
struct Dropped {
    count: [usize; RULES],
    last: [(usize, usize); RULES],
}

impl Dropped {
    #[inline]
    fn count(&mut self, rule: Rule, times: usize, span: &Range<usize>) {
        let i = rule.index();
        if let (Some(count), Some(last)) = (self.count.get_mut(i), self.last.get_mut(i)) {
            *count += times;
            *last = (span.start, span.end);
        }
    }
}

impl Sink {
    pub(crate) fn new(collect: Collect) -> Self {
        Sink {
            collect,
            findings: Vec::new(),
            kept: [0; RULES],
            dropped: None,
        }
    }

    /// Would a finding of `rule` at `span` be kept? If it would be dropped for the cap, it is
    /// counted now, so that hot paths skip building its message.
    #[inline]
    pub(crate) fn wants(&mut self, rule: Rule, span: &Range<usize>) -> bool {
        if self.collect == Collect::Errors && rule.severity() == Severity::Warning {
            return false;
        }
        if self.keeps(rule) {
            return true;
        }
        self.drop(rule, 1, span);
        false
    }

    /// Would a finding of `rule` be kept (without counting it)?
    #[inline]
    pub(crate) fn keeps(&self, rule: Rule) -> bool {
        !(self.collect == Collect::Errors && rule.severity() == Severity::Warning)
            && self
                .kept
                .get(rule.index())
                .is_some_and(|&k| usize::from(k) < PER_RULE)
    }

    /// Counts `times` findings of `rule`, the last at `span`, that [`keeps`](Self::keeps) said
    /// are not kept.
    pub(crate) fn count_dropped(&mut self, rule: Rule, times: usize, span: &Range<usize>) {
        debug_assert!(!self.keeps(rule));
        if !(self.collect == Collect::Errors && rule.severity() == Severity::Warning) {
            self.drop(rule, times, span);
        }
    }

    /// Counts `times` findings of `rule`, the last at `span`, that the cap drops.
    #[inline]
    fn drop(&mut self, rule: Rule, times: usize, span: &Range<usize>) {
        match &mut self.dropped {
            Some(d) => d.count(rule, times, span),
            None => self.first_drop(rule, times, span),
        }
    }

    #[cold]
    #[inline(never)]
    fn first_drop(&mut self, rule: Rule, times: usize, span: &Range<usize>) {
        let mut d = Box::new(Dropped {
            count: [0; RULES],
            last: [(0, 0); RULES],
        });
        d.count(rule, times, span);
        self.dropped = Some(d);
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
        if let Some(d) = self.dropped.take() {
            for ((rule, &count), &(start, end)) in Rule::ALL.iter().zip(&d.count).zip(&d.last) {
                if count > 0 {
                    let message = format!(
                        "{count} more {} findings in this connection string are not shown",
                        rule.name()
                    );
                    self.findings.push(Finding::new(*rule, start..end, message));
                }
            }
        }
        self.findings.sort_by_key(|f| f.span.start);
        self.findings
    }
}
