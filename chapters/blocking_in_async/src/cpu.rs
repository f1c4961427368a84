//! CPU work of a given length: a loop with nothing to wait for, so that no
//! `.await` can interrupt it, sized for this machine by a calibration.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// CPU work that takes about `duration` on one free core of this machine.
pub fn cpu_work(duration: Duration) -> u64 {
    let steps = steps_per_ms() * duration.as_secs_f64() * 1000.0;
    spin(steps as u64)
}

/// The loop itself: `steps` rounds of xorshift, cheap, and the optimiser
/// cannot skip it.
pub fn spin(steps: u64) -> u64 {
    let mut x = 0x2545_F491_4F6C_DD1D_u64;
    for _ in 0..steps {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    std::hint::black_box(x)
}

/// Measures how fast this machine runs the loop, once (about 0.1 s). Call
/// it before timing anything, or the first piece of CPU work pays for it.
pub fn calibrate_cpu_work() {
    steps_per_ms();
}

fn steps_per_ms() -> f64 {
    static RATE: OnceLock<f64> = OnceLock::new();
    *RATE.get_or_init(measure_steps_per_ms)
}

/// How long one calibration sample runs, in ms, and how many there are.
const SAMPLE_MS: f64 = 2.0;
const SAMPLES: u32 = 50;

/// Loop steps per millisecond on this machine, measured now: the fastest of
/// [`SAMPLES`] short samples. Another process can only slow a sample down
/// (by taking the core away in the middle of it), never speed it up, so the
/// fastest sample is the one that ran undisturbed. The samples are short
/// because on a busy machine a long one is almost always interrupted: with
/// two other busy processes on two cores, samples of 20 ms came out at a
/// third of the true speed, samples of 2 ms at the true speed.
pub fn measure_steps_per_ms() -> f64 {
    let ms = |steps: u64| {
        let start = Instant::now();
        spin(steps);
        (start.elapsed().as_secs_f64() * 1000.0).max(1e-6)
    };
    // A first guess, good enough to size the samples.
    let mut steps = 1_000;
    let mut took = ms(steps);
    while took < SAMPLE_MS / 4.0 {
        steps *= 2;
        took = ms(steps);
    }
    let mut best = steps as f64 / took;
    for _ in 0..SAMPLES {
        let steps = (best * SAMPLE_MS) as u64;
        best = best.max(steps as f64 / ms(steps));
    }
    best
}
