//! Checks for `reports_as_done`.

use callbacks_exercises::reports_as_done::{RUNTIME, reports_as_done};
use exercise_support::{Job, Timeline, block_on_within, random_values};
use futures::StreamExt;
use std::time::Duration;

/// The jobs' names and delays. They finish in another order than they are
/// given (b, d, c, a); run together they take 300 ms, one after another 800.
const JOBS: [(&str, u64); 4] = [("a", 300), ("b", 100), ("c", 250), ("d", 150)];

/// How long after its job finishes a report may arrive, and the receiver
/// end after the last job: sending takes microseconds, the rest is room for
/// a busy machine.
const WITHIN: Duration = Duration::from_millis(100);

/// One run of the exercise.
struct Run {
    /// The values the jobs were given, drawn for this run, in their order.
    given: Vec<u32>,
    /// Each report, and when the caller received it.
    arrivals: Vec<(String, Duration)>,
    /// When the receiver ended.
    ended_at: Duration,
    timeline: Timeline,
}

impl Run {
    fn reports(&self) -> Vec<&str> {
        self.arrivals.iter().map(|(r, _)| r.as_str()).collect()
    }

    /// The report each job should send, by name.
    fn expected(&self, name: &str) -> String {
        let i = JOBS.iter().position(|(n, _)| *n == name).unwrap();
        format!("{name}: {}", self.given[i])
    }
}

fn run() -> Run {
    let given = random_values(JOBS.len());
    let jobs: Vec<Job> = JOBS
        .iter()
        .zip(&given)
        .map(|(&(name, delay_ms), &value)| Job::new(name, delay_ms, value))
        .collect();
    let timeline = Timeline::new();
    let future = {
        let tl = timeline.clone();
        async move {
            let mut reports = reports_as_done(tl.clone(), jobs);
            let mut arrivals = Vec::new();
            while let Some(report) = reports.next().await {
                arrivals.push((report, tl.elapsed()));
            }
            (arrivals, tl.elapsed())
        }
    };
    let (arrivals, ended_at) = block_on_within(RUNTIME, future, Duration::from_secs(5))
        .unwrap_or_else(|e| {
            panic!(
                "the caller never saw the receiver end ({e}). It ends when every sender is \
                 dropped: does something keep a sender alive after its job has reported?"
            )
        });
    Run {
        given,
        arrivals,
        ended_at,
        timeline,
    }
}

#[test]
fn every_job_reports_once_with_its_own_name() {
    let run = run();
    let tl = &run.timeline;
    assert!(
        !tl.tasks_with("start").is_empty(),
        "the receiver ended with {} report(s) and no job ever started. Were the jobs spawned? A \
         smol Task that is dropped cancels its job, even before it starts: detach it (a tokio \
         or async-std handle that is dropped lets its task run on)",
        run.arrivals.len()
    );
    let cancelled = tl.tasks_with("cancelled");
    assert!(
        cancelled.is_empty(),
        "the jobs {cancelled:?} were cancelled before they finished (a smol Task that is \
         dropped cancels its job: detach it, or keep it), and {} report(s) came: {:?}",
        run.arrivals.len(),
        run.reports()
    );
    let mut got = run.reports();
    got.sort();
    let mut want: Vec<String> = JOBS.iter().map(|(n, _)| run.expected(n)).collect();
    want.sort();
    assert_eq!(
        got, want,
        "each report must be `name: value` with the value of the job of that name (values are \
         drawn anew for every run). Values arrive in the order the jobs finish, not the order \
         they were given: the name must travel with its job's value, as partial carried it"
    );
}

#[test]
fn reports_come_in_the_order_the_jobs_finish() {
    let run = run();
    let finished = run.timeline.tasks_with("done");
    let want: Vec<String> = finished.iter().map(|n| run.expected(n)).collect();
    assert_eq!(
        run.reports(),
        want,
        "the jobs finished in the order {finished:?}; their reports must come in that order, \
         each as its job finishes"
    );
}

#[test]
fn each_report_arrives_as_soon_as_its_job_finishes() {
    let run = run();
    let tl = &run.timeline;
    for (report, at) in &run.arrivals {
        let name = report.split(':').next().unwrap_or_default();
        let Some(done) = tl.time_of(name, "done") else {
            panic!(
                "a report `{report}` names no job that finished: {:?}",
                tl.events()
            );
        };
        let late = at.saturating_sub(done);
        assert!(
            late <= WITHIN,
            "the report `{report}` arrived {late:?} after its job finished (at {done:?}): send \
             each report from its own job's callback, not once the others are done too"
        );
    }
}

#[test]
fn the_jobs_run_at_the_same_time() {
    let run = run();
    let tl = &run.timeline;
    for (name, _) in JOBS {
        let Some(started) = tl.time_of(name, "start") else {
            panic!(
                "the job `{name}` never started (a smol Task that is dropped cancels its job \
                 before it starts: detach it): {:?}",
                tl.events()
            );
        };
        assert!(
            started < Duration::from_millis(100),
            "the job `{name}` started only after {started:?}: start every job at once, each \
             with its own callback"
        );
    }
    // Together: about the longest job (300 ms), not the sum (800 ms).
    assert!(
        run.ended_at < Duration::from_millis(600),
        "the reports took {:?}: the jobs ran one after another (the longest is 300 ms, the sum 800 ms)",
        run.ended_at
    );
}

#[test]
fn the_receiver_ends_once_every_job_has_reported() {
    let run = run();
    let Some(last_done) = run
        .timeline
        .events()
        .iter()
        .filter(|e| e.event == "done")
        .map(|e| e.at)
        .max()
    else {
        panic!("no job finished: {:?}", run.timeline.events());
    };
    let waited = run.ended_at.saturating_sub(last_done);
    assert!(
        waited <= WITHIN,
        "the receiver ended {waited:?} after the last job finished: it should end as soon as \
         every job has sent its report and dropped its sender"
    );
}
