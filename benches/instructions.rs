//! Instruction and allocation counts for `benches/callgrind.sh` and `benches/scaling.sh`.
//!
//! The figures, side by side with `connection-string` 0.2.0, are in `benches/RESULTS.md`.
//!
//! `instructions WORKLOAD N` runs WORKLOAD N times and prints the heap allocations of one run.
//! The script runs it under callgrind with N = 0 and N = k and divides the difference by k, so
//! start-up and input construction cancel out.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[path = "inputs.rs"]
mod inputs;

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Counting is on for the first call only, which the allocation figures come from: the calls
/// after it, whose instructions are measured, pay a load and a branch a call of the allocator,
/// not its counting.
static COUNTING: AtomicBool = AtomicBool::new(true);

fn grow(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: forwards to the system allocator unchanged, only counting calls and bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            grow(layout.size());
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grow(new_size);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let workload = args.get(1).map_or("seed-parse", String::as_str);
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let input: String = match workload {
        "seed-parse" | "seed-tokenize" | "seed-peer" => inputs::SEED.to_owned(),
        "valid-config" | "valid-peer" => inputs::VALID.to_owned(),
        "realistic-peer" => inputs::realistic(),
        w if w.starts_with("realistic-") || w.starts_with("read-") => w
            .strip_prefix("realistic-")
            .or_else(|| w.strip_prefix("read-"))
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| inputs::REALISTIC.get(n.wrapping_sub(1)))
            .map(|s| (*s).to_owned())
            .unwrap_or_else(|| panic!("unknown workload {w}")),
        "semicolons" => inputs::repeated(";"),
        "a-eq" => inputs::repeated("a="),
        "quotes" => inputs::doubled_quotes(),
        "pairs" => inputs::pairs(100_000),
        other => match other.split_once(':') {
            // `hostile-SHAPE:MIB` (parse) or `validate-SHAPE:MIB`.
            Some((shape, mib)) => inputs::hostile(
                shape.split_once('-').map_or(shape, |s| s.1),
                mib.parse().unwrap_or(1),
            ),
            None => panic!("unknown workload {other}"),
        },
    };
    // The workload's kind is chosen once: comparing its name on every call would add to every
    // figure.
    let kind = match workload {
        "seed-tokenize" => Kind::Tokenize,
        "seed-peer" | "valid-peer" | "realistic-peer" => Kind::Peer,
        "valid-config" => Kind::Config,
        w if w.starts_with("validate-") => Kind::Validate,
        w if w.starts_with("read-") => Kind::Read,
        _ => Kind::Parse,
    };
    let run = |s: &str| -> usize {
        match kind {
            // Every segment with its key and value, as a user of the tokenizer reads them.
            Kind::Tokenize => zoomconn::Tokenizer::new(black_box(s))
                .flatten()
                .map(|seg| seg.key().len() + seg.value().map_or(0, str::len))
                .sum(),
            Kind::Peer => peer(black_box(s)),
            Kind::Config => zoomconn::Config::parse(black_box(s)).map_or(0, |c| c.len()),
            Kind::Validate => zoomconn::validate(black_box(s)).len(),
            // Parsing and reading every value: what the decoding of values with doubled quotes,
            // done when one is first read, adds to a parse.
            Kind::Read => zoomconn::ConnectionString::parse(black_box(s))
                .map_or(0, |c| c.iter().map(|(k, v)| k.len() + v.len()).sum()),
            Kind::Parse => zoomconn::ConnectionString::parse(black_box(s)).map_or(0, |c| c.len()),
        }
    };
    if n == 0 {
        println!("{workload}: baseline, {} input bytes", input.len());
        return;
    }
    let before = ALLOCS.load(Ordering::Relaxed);
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let result = black_box(run(&input));
    let allocs = ALLOCS.load(Ordering::Relaxed) - before;
    let peak = PEAK.load(Ordering::Relaxed) - base;
    COUNTING.store(false, Ordering::Relaxed);
    for _ in 1..n {
        black_box(run(&input));
    }
    println!(
        "{workload}: result {result}, peak {peak} heap bytes, {allocs} allocations per run, {} input bytes",
        input.len()
    );
}

/// The peer crate's parse, as its users call it.
/// What one call of a workload runs.
#[derive(Clone, Copy)]
enum Kind {
    /// `Tokenizer`, reading every key and value.
    Tokenize,
    /// The peer crate's parse.
    Peer,
    /// `Config::parse`.
    Config,
    /// `zoomconn::validate`.
    Validate,
    /// `ConnectionString::parse`, then every key and value read.
    Read,
    /// `ConnectionString::parse`.
    Parse,
}

fn peer(s: &str) -> usize {
    s.parse::<connection_string::AdoNetString>()
        .map_or(0, |c| c.len())
}
