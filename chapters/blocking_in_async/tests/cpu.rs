//! CPU work inside a task holds the thread; on the blocking pool it spreads
//! over the cores. One test in its own binary, so no other test competes for
//! the CPU while it measures.

use blocking_in_async::{EXAMPLE, scenario::*, smol_version, tokio_version};
use harness::Timeline;

#[test]
fn cpu_work_inside_tasks_is_serial_and_offloaded_it_is_parallel() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let s = harness::cli::settings(&EXAMPLE, &["--tasks", "4", "--unit-ms", "100"]);
    calibrate_cpu_work();
    let time = |f: &dyn Fn(Timeline) -> usize| {
        let tl = Timeline::new();
        assert_eq!(f(tl.clone()), 4);
        tl.elapsed().as_secs_f64() / s.unit.as_secs_f64()
    };
    // Noise from other work on the machine only ever slows a run down, so
    // the best of three runs is the one to judge.
    let best = |f: &dyn Fn(Timeline) -> usize| (0..3).map(|_| time(f)).fold(f64::MAX, f64::min);
    let inline_tokio = best(&|tl| {
        tokio_version::block_on_current_thread(tokio_version::cpu_loop(tl, task_names(&s), s.unit))
    });
    let offloaded_tokio = best(&|tl| {
        tokio_version::block_on_current_thread(tokio_version::offloaded_cpu(
            tl,
            task_names(&s),
            s.unit,
        ))
    });
    let inline_smol =
        best(&|tl| smol_version::block_on(smol_version::cpu_loop(tl, task_names(&s), s.unit)));
    let offloaded_smol =
        best(&|tl| smol_version::block_on(smol_version::offloaded_cpu(tl, task_names(&s), s.unit)));
    println!(
        "units: tokio-ct {inline_tokio:.2} -> {offloaded_tokio:.2}, smol {inline_smol:.2} -> {offloaded_smol:.2}"
    );
    // Four units of work on one thread take about four units, give or take the calibration.
    for inline in [inline_tokio, inline_smol] {
        assert!(
            (2.5..7.0).contains(&inline),
            "inline CPU work took {inline:.2} units"
        );
    }
    if cores >= 2 {
        assert!(
            offloaded_tokio * 1.3 < inline_tokio,
            "{offloaded_tokio:.2} vs {inline_tokio:.2}"
        );
        assert!(
            offloaded_smol * 1.3 < inline_smol,
            "{offloaded_smol:.2} vs {inline_smol:.2}"
        );
    }
}
