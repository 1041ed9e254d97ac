//! Wall-clock comparison with the peer crate (`connection-string` 0.2.0), side by side in one
//! run: `cargo bench -p zoomconn-benches --bench parse`. On shared machines, read the ratios,
//! not the times; the instruction counts of `benches/callgrind.sh` are the repeatable figures
//! (`benches/RESULTS.md`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "inputs.rs"]
mod inputs;

fn peer(s: &str) -> usize {
    s.parse::<connection_string::AdoNetString>()
        .map_or(0, |c| c.len())
}

fn parse(c: &mut Criterion) {
    let realistic = inputs::realistic();
    for (name, input) in [
        ("seed", inputs::SEED),
        ("valid", inputs::VALID),
        ("realistic", realistic.as_str()),
    ] {
        let mut g = c.benchmark_group(name);
        g.bench_function("zoomconn::Tokenizer", |b| {
            b.iter(|| {
                zoomconn::Tokenizer::new(black_box(input))
                    .flatten()
                    .map(|seg| seg.key().len() + seg.value().map_or(0, str::len))
                    .sum::<usize>()
            })
        });
        g.bench_function("zoomconn::ConnectionString::parse", |b| {
            b.iter(|| zoomconn::ConnectionString::parse(black_box(input)).map_or(0, |c| c.len()))
        });
        g.bench_function("zoomconn::validate", |b| {
            b.iter(|| zoomconn::validate(black_box(input)).len())
        });
        g.bench_function("connection-string 0.2.0", |b| {
            b.iter(|| peer(black_box(input)))
        });
        g.finish();
    }
    let mut g = c.benchmark_group("1MiB");
    g.sample_size(10);
    for (name, input) in [
        ("semicolons", inputs::repeated(";")),
        ("a=", inputs::repeated("a=")),
        ("doubled quotes", inputs::doubled_quotes()),
        ("100k pairs", inputs::pairs(100_000)),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| zoomconn::ConnectionString::parse(black_box(&input)).map_or(0, |c| c.len()))
        });
    }
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
