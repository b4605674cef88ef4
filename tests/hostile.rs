//! Inputs made to be slow must parse in time proportional to their size: each
//! is parsed at 256 KB and at 1 MB, and the larger may take at most eight times
//! as long (four would be linear; the margin absorbs noise), with a generous
//! absolute bound as well.

use std::time::{Duration, Instant};

mod support {
    pub mod hostile_inputs;
}

fn time(text: &str) -> Duration {
    let start = Instant::now();
    let _ = std::hint::black_box(xxgk::parse(text));
    start.elapsed()
}

#[test]
fn hostile_inputs_parse_in_linear_time() {
    let small = support::hostile_inputs::hostile(1 << 18);
    let large = support::hostile_inputs::hostile(1 << 20);
    let mut slow = Vec::new();
    for ((name, s), (_, l)) in small.iter().zip(&large) {
        // the best of three runs, so that one pause of the machine does not count
        let t_small = (0..3).map(|_| time(s)).min().unwrap();
        let t_large = (0..3).map(|_| time(l)).min().unwrap();
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-4);
        eprintln!(
            "{name}: {} KB in {t_small:?}, {} KB in {t_large:?}",
            s.len() / 1024,
            l.len() / 1024
        );
        if (ratio > 8.0 && t_large > Duration::from_millis(50)) || t_large > Duration::from_secs(20)
        {
            slow.push(format!(
                "{name}: {t_small:?} for {} bytes, {t_large:?} for {}",
                s.len(),
                l.len()
            ));
        }
    }
    assert!(slow.is_empty(), "not linear: {slow:?}");
}
