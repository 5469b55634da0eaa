//! Whole-pipeline throughput: article text in, JSONL claims out
//! (`analyze_document` followed by `output::to_json_line`), single-threaded
//! and on all cores with rayon, on the PolNeAR dev texts (when
//! `../shared/corpus/polnear/dev.jsonl` is present), on the German and
//! Russian dev texts with their packs, and on a generated corpus.
//! It also checks that cost grows linearly with article length.
//!
//! ```sh
//! cargo bench --bench throughput                 # ~100 MB generated corpus
//! cargo bench --bench throughput -- --mb 20 --runs 5
//! cargo bench --profile release --bench throughput -- --mb 20 --runs 5
//! cargo bench --bench throughput -- --linearity --runs 5
//! cargo bench --bench throughput -- --write-jsonl /tmp/corpus-1g.jsonl 1024
//! ```
//!
//! `cargo bench` builds with the `bench` profile, the settings of the
//! published `dist` binary; `--profile release` measures the quicker build
//! that `cargo install --path .` makes.
//!
//! `--write-jsonl PATH MB` writes a generated JSONL corpus (`{"id","text"}`
//! lines) of about MB megabytes and exits; it feeds the memory measurement
//! of docs/PERFORMANCE.md. The generator is deterministic: the same
//! arguments give the same bytes. It is a plain timing harness: each figure
//! is the best of `--runs` runs, to keep out the noise of other work on the
//! machine.

use std::io::Write;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use whosaid::grammar::Grammar;
use whosaid::{analyze_document, output};

/// The allocator of the `whosaid` binary, so that the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const FIRST: &[&str] = &[
    "Maria", "John", "Yury", "Angela", "Steven", "Emomali", "Dmitry", "Sarah", "Kevin", "Laura",
    "Ahmed", "Chen", "Olga", "Pedro", "Fatima", "Grace",
];
const LAST: &[&str] = &[
    "Ushakov",
    "Witkoff",
    "Brenner",
    "Rahmon",
    "Peskov",
    "Johnson",
    "Nguyen",
    "Okafor",
    "Schmidt",
    "Alvarez",
    "Kowalski",
    "Haddad",
    "Moreau",
    "Tanaka",
    "Lindqvist",
    "O’Neill",
];
const TITLES: &[&str] = &[
    "President",
    "Senator",
    "Foreign Minister",
    "Presidential Aide",
    "Governor",
    "Mayor",
    "Rep.",
    "Prime Minister",
];
const ROLES: &[&str] = &[
    "a spokeswoman for the ministry",
    "an analyst at the bank",
    "the head of the association",
    "a lawyer for the family",
    "the company’s chief executive",
];
const SOURCES: &[&str] = &[
    "the Kremlin",
    "the White House",
    "the ministry",
    "Reuters",
    "a senior official",
    "the statement",
    "the press office",
    "police",
];
const VERBS: &[&str] = &[
    "said",
    "added",
    "stated",
    "argued",
    "warned",
    "noted",
    "explained",
    "claimed",
    "insisted",
    "told reporters",
];
const THAT_VERBS: &[&str] = &[
    "said",
    "argued",
    "warned",
    "noted",
    "claimed",
    "insisted",
    "announced",
    "denied",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "on Sunday",
];
const CLAIMS: &[&str] = &[
    "the talks had been productive and would continue next month",
    "the economy would grow faster than expected next year",
    "the new rules were unfair to small businesses",
    "the government had no plans to raise taxes",
    "the agreement would be signed before the end of the year",
    "nobody had been hurt in the fire at the plant",
    "the investigation was still at an early stage",
];
const QUOTES: &[&str] = &[
    "We will act on this as soon as we possibly can",
    "Nobody expected the vote to go this way, least of all the people in this room",
    "This is a good day for the country and for everybody who worked on it",
    "I have said it before and I will say it again: we are not going anywhere",
    "The numbers speak for themselves",
    "We were told there would be a deal by Friday, and there was no deal",
    "It is too early to say what this means for the region",
];
const FILLER: &[&str] = &[
    "The meeting took place in the capital and lasted almost three hours.",
    "Markets fell sharply after the announcement, before recovering in the afternoon.",
    "The proposal was first put forward in 2019 but stalled in parliament.",
    "Turnout was higher than at the last election, according to early figures.",
    "More than 200 people attended the event, which was held outdoors.",
    "The bill now goes to the Senate, where its fate is uncertain.",
];

/// Appends one generated sentence (or short run of sentences) to `out`.
fn sentence(rng: &mut Rng, out: &mut String) {
    let first = rng.pick(FIRST);
    let last = rng.pick(LAST);
    let s = match rng.below(10) {
        0 => format!(
            "“{},” {} {} {} said.",
            rng.pick(QUOTES),
            rng.pick(TITLES),
            first,
            last
        ),
        1 => format!(
            "{first} {last}, {}, {} that {}.",
            rng.pick(ROLES),
            rng.pick(THAT_VERBS),
            rng.pick(CLAIMS)
        ),
        2 => format!("According to {}, {}.", rng.pick(SOURCES), rng.pick(CLAIMS)),
        3 => format!(
            "\"{}.\" {last} {} on {}.",
            rng.pick(QUOTES),
            rng.pick(VERBS),
            rng.pick(DAYS)
        ),
        4 => format!(
            "{} {} that {}.",
            rng.pick(&["He", "She", "They"]),
            rng.pick(THAT_VERBS),
            rng.pick(CLAIMS)
        ),
        5 => format!(
            "“{},” {last} said. “{}.”",
            rng.pick(QUOTES),
            rng.pick(QUOTES)
        ),
        6 => {
            let src = rng.pick(SOURCES);
            let mut src = src.to_string();
            src[..1].make_ascii_uppercase();
            format!("{src} reported that {}.", rng.pick(CLAIMS))
        }
        _ => rng.pick(FILLER).to_string(),
    };
    if !out.is_empty() && !out.ends_with('\n') {
        out.push(' ');
    }
    out.push_str(&s);
}

/// A generated article of `paragraphs` paragraphs.
fn article(rng: &mut Rng, paragraphs: usize) -> String {
    let mut out = String::new();
    for p in 0..paragraphs {
        if p > 0 {
            out.push_str("\n\n");
        }
        for _ in 0..1 + rng.below(4) {
            sentence(rng, &mut out);
        }
    }
    out
}

/// Generated documents of about `bytes` bytes of text in all.
fn generated_corpus(seed: u64, bytes: usize) -> Vec<(String, String)> {
    let mut rng = Rng(seed);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let paragraphs = 4 + rng.below(20);
        let text = article(&mut rng, paragraphs);
        total += text.len();
        docs.push((format!("gen-{:07}", docs.len()), text));
    }
    docs
}

/// The PolNeAR dev texts, if the shared corpus is present.
fn polnear() -> Option<Vec<(String, String)>> {
    shared_corpus("polnear")
}

/// The dev texts of `../shared/corpus/NAME/dev.jsonl`, if present.
fn shared_corpus(name: &str) -> Option<Vec<(String, String)>> {
    let path = format!(
        "{}/../shared/corpus/{name}/dev.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let data = std::fs::read_to_string(path).ok()?;
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            Some((
                v["id"].as_str()?.to_string(),
                v["text"].as_str()?.to_string(),
            ))
        })
        .collect()
}

/// The whole pipeline for one document: the bytes of its JSONL line.
fn pipeline(id: &str, text: &str, grammar: &Grammar) -> usize {
    let analysis = analyze_document(id, text, grammar);
    output::to_json_line(&analysis).len() + 1
}

/// The best of `runs` timings of `f`.
fn best_of(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut out = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        out = std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    (best, out)
}

/// Times `docs` on one thread and on all cores. A corpus smaller than
/// `min_bytes` is gone through several times in each timed run, so that
/// every timing lasts long enough to be steady on a noisy machine.
fn throughput(
    name: &str,
    docs: &[(String, String)],
    grammar: &Grammar,
    runs: usize,
    min_bytes: usize,
) {
    let corpus: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let passes = min_bytes.div_ceil(corpus.max(1)).max(1);
    let repeated: Vec<&(String, String)> = (0..passes).flat_map(|_| docs.iter()).collect();
    let docs = repeated;
    let bytes = corpus * passes;
    let mb = bytes as f64 / 1e6;
    let single = best_of(runs, || {
        docs.iter().map(|(id, t)| pipeline(id, t, grammar)).sum()
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .build()
        .expect("thread pool");
    let threads = pool.current_num_threads();
    let parallel = pool.install(|| {
        best_of(runs, || {
            docs.par_iter()
                .map(|(id, t)| pipeline(id, t, grammar))
                .sum()
        })
    });
    assert_eq!(single.1, parallel.1, "the same output on one and all cores");
    for (label, (time, _)) in [
        ("1 thread", single),
        (&*format!("{threads} threads"), parallel),
    ] {
        let s = time.as_secs_f64();
        println!(
            "{name:<18} {label:<10} {mb:>8.1} MB {:>7} docs {:>8.2} s {:>8.1} MB/s {:>9.0} docs/s",
            docs.len(),
            s,
            mb / s,
            docs.len() as f64 / s
        );
    }
    println!(
        "{name:<18} speed-up on {threads} threads: {:.2}x",
        single.0.as_secs_f64() / parallel.0.as_secs_f64()
    );
}

/// `n` generated articles run together as one.
fn joined_articles(n: u64) -> String {
    (0..n)
        .map(|k| article(&mut Rng(7 + k), 40))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Times a generated article against articles 10, 100 and 1000 times as
/// long (that many generated articles run together as one): if cost grows
/// linearly, the time ratio matches the size ratio. Each row also gives
/// the time per byte against the row before, which shows where the
/// article's working set leaves a cache level and that it stays flat
/// beyond.
fn linearity(grammar: &Grammar, runs: usize) {
    let joined = joined_articles;
    let time = |text: &str| {
        // Repeat short inputs so that each timing lasts a while.
        let reps = (4_000_000 / text.len()).max(1);
        let (d, _) = best_of(runs, || {
            (0..reps).map(|_| pipeline("a", text, grammar)).sum()
        });
        d.as_secs_f64() / reps as f64
    };
    let base = joined(1);
    let t1 = time(&base);
    println!(
        "linearity          1x: {:>9} B {:>9.3} ms",
        base.len(),
        t1 * 1e3
    );
    let mut before = (base.len() as f64, t1);
    for n in [10, 100, 1000] {
        let long = joined(n);
        let t = time(&long);
        let size = long.len() as f64 / base.len() as f64;
        let per_byte_before = (t / long.len() as f64) / (before.1 / before.0);
        println!(
            "linearity       {n:>4}x: {:>9} B {:>9.3} ms | size x{size:.1}, time x{:.1}, time per byte x{:.2} (x{per_byte_before:.2} of the row before)",
            long.len(),
            t * 1e3,
            t / t1,
            t / t1 / size
        );
        before = (long.len() as f64, t);
    }
}

fn write_jsonl(path: &str, mb: usize) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut written = 0;
    let mut seed = 1;
    while written < mb << 20 {
        for (id, text) in generated_corpus(seed, 16 << 20) {
            let line = serde_json::json!({"id": format!("{seed}-{id}"), "text": text});
            let line = line.to_string();
            writeln!(out, "{line}")?;
            written += line.len() + 1;
            if written >= mb << 20 {
                break;
            }
        }
        seed += 1;
    }
    out.flush()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<usize>().ok())
    };
    if let Some(i) = args.iter().position(|a| a == "--write-jsonl") {
        let path = args.get(i + 1).expect("--write-jsonl PATH MB");
        let mb = args.get(i + 2).and_then(|v| v.parse().ok()).unwrap_or(1024);
        write_jsonl(path, mb).expect("writing the corpus");
        return;
    }
    let mb = value("--mb").unwrap_or(100);
    let runs = value("--runs").unwrap_or(3);
    if let Some(i) = args.iter().position(|a| a == "--write-linearity") {
        // The single-article inputs as files, to run the binary on them
        // under a profiler.
        let dir = std::path::Path::new(args.get(i + 1).expect("--write-linearity DIR"));
        std::fs::create_dir_all(dir).expect("making the directory");
        for n in [1, 10, 100, 1000] {
            let path = dir.join(format!("linearity-{n}x.txt"));
            std::fs::write(path, joined_articles(n)).expect("writing an input");
        }
        return;
    }
    let grammar = Grammar::bundled();
    if args.iter().any(|a| a == "--linearity") {
        // Only the single-article rows.
        linearity(&grammar, runs);
        return;
    }
    println!("whole pipeline (analyze_document + to_json_line), best of {runs} runs");
    if let Some(docs) = polnear() {
        // The 2.4 MB dev half, gone through until the run is as long as the
        // generated corpus's.
        throughput("polnear dev", &docs, &grammar, runs, mb * 1_000_000);
    } else {
        println!("polnear dev        skipped: ../shared/corpus/polnear/dev.jsonl not found");
    }
    // German and Russian news, each read with its own pack: their MB/s
    // compare with the PolNeAR row's.
    for (corpus, language) in [("de_spkatt", "de"), ("adaq_ru", "ru")] {
        let pack = Grammar::bundled_language(language).expect("a bundled pack");
        match shared_corpus(corpus) {
            Some(docs) => throughput(&format!("{corpus} dev"), &docs, &pack, runs, mb * 1_000_000),
            None => println!("{corpus:<18} skipped: ../shared/corpus/{corpus}/dev.jsonl not found"),
        }
    }
    let docs = generated_corpus(42, mb * 1_000_000);
    throughput("generated", &docs, &grammar, runs, 0);
    linearity(&grammar, runs);
}
