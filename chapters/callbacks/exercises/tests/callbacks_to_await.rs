//! Checks for `callbacks_to_await`.

use callbacks_exercises::callbacks_to_await::{RUNTIME, fetch_parse_save};
use callbacks_exercises::site::Site;
use exercise_support::{Timeline, block_on_within, random_values};
use std::time::Duration;

/// How long fetch, parse and save wait: 450 ms one after another.
const DELAYS_MS: [u64; 3] = [200, 100, 150];

/// How long after the save is done the function may take to return:
/// returning takes microseconds, the rest is room for a busy machine.
const RETURN_WITHIN: Duration = Duration::from_millis(100);

/// One run of the exercise.
struct Run {
    site: Site,
    /// The code in the error of a site that is down, drawn for this run.
    error_code: Option<u32>,
    /// The links the page holds, drawn for this run.
    links: Vec<String>,
    returned: Result<usize, String>,
    /// When `fetch_parse_save` returned.
    returned_at: Duration,
    timeline: Timeline,
}

/// Runs the exercise once on a site with 2 to 9 links drawn for the run,
/// every delay of [`DELAYS_MS`] times `scale`.
fn run_with(scale: u64, down: bool) -> Run {
    let drawn = random_values(11);
    let down = down.then_some(drawn[10] % 1000);
    let count = 2 + drawn[0] as usize % 8;
    let links: Vec<String> = drawn[1..=count].iter().map(|v| format!("/{v}")).collect();
    let site = Site::new("a.io", links.clone(), DELAYS_MS.map(|ms| ms * scale), down);
    let timeline = Timeline::new();
    let future = {
        let (tl, site) = (timeline.clone(), site.clone());
        async move {
            let returned = fetch_parse_save(tl.clone(), site).await;
            (returned, tl.elapsed())
        }
    };
    let (returned, returned_at) = block_on_within(RUNTIME, future, Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("fetch_parse_save never returned: {e}"));
    Run {
        site,
        error_code: down,
        links,
        returned,
        returned_at,
        timeline,
    }
}

fn run() -> Run {
    run_with(1, false)
}

#[test]
fn it_saves_the_links_of_the_page_and_returns_how_many() {
    let run = run();
    assert_eq!(
        run.returned,
        Ok(run.links.len()),
        "the page of this run links to {} paths (drawn anew for every run): return Ok of \
         the number of links you saved",
        run.links.len()
    );
    assert_eq!(
        run.site.saved(),
        run.links,
        "the links saved must be those `parse` found in the fetched page, saved once: {:?}",
        run.timeline.events()
    );
}

#[test]
fn each_step_starts_when_the_one_before_is_done() {
    let run = run();
    let tl = &run.timeline;
    for (before, after) in [("fetch", "parse"), ("parse", "save")] {
        let (Some(done), Some(start)) = (tl.time_of(before, "done"), tl.time_of(after, "start"))
        else {
            panic!(
                "`{before}` never finished or `{after}` never started: {:?}",
                tl.events()
            );
        };
        assert!(
            done <= start,
            "`{after}` started at {start:?}, before `{before}` was done at {done:?}"
        );
    }
}

/// Once with the delays of [`DELAYS_MS`], once with twice those: a fixed
/// sleep long enough for the slow run comes late in the fast one.
#[test]
fn it_returns_once_the_links_are_saved() {
    for scale in [1, 2] {
        let run = run_with(scale, false);
        let tl = &run.timeline;
        let Some(saved_at) = tl.time_of("save", "done") else {
            panic!(
                "with every delay times {scale}, the function returned at {:?} and the save \
                 never finished: {:?}. A save spawned and left behind is what Python's \
                 callback did: await it instead",
                run.returned_at,
                tl.events()
            );
        };
        assert!(
            saved_at <= run.returned_at,
            "with every delay times {scale}, the function returned at {:?}, before the save was \
             done at {saved_at:?}: await the save, so that the caller knows the links are stored",
            run.returned_at
        );
        let waited = run.returned_at - saved_at;
        assert!(
            waited <= RETURN_WITHIN,
            "with every delay times {scale}, it returned {waited:?} after the save was done: \
             return as soon as it is, not after a sleep meant to be long enough"
        );
    }
}

#[test]
fn a_failed_fetch_returns_its_error_and_nothing_is_parsed_or_saved() {
    let run = run_with(1, true);
    let tl = &run.timeline;
    let code = run.error_code.unwrap();
    assert_eq!(
        run.returned,
        Err(format!("a.io is down (error {code})")),
        "the site was down: return the error `fetch` gave (the `?` operator does it)"
    );
    for step in ["parse", "save"] {
        assert_eq!(
            tl.time_of(step, "start"),
            None,
            "`{step}` ran after the fetch had failed: {:?}",
            tl.events()
        );
    }
    assert!(
        run.site.saved().is_empty(),
        "something was saved for a site that was down"
    );
}
