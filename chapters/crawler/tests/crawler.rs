//! The crawler against the real slow server over loopback, on each runtime:
//! with injected faults every reachable page ends fetched or failed after
//! its retries, once; the server never sees more than --concurrency at
//! once; Ctrl-C stops the program within about a second with what it
//! fetched on disk, and --resume finishes the crawl without fetching a page
//! twice; a per-try limit (--try-ms) shorter than a slow page fails it
//! after every try; bad arguments are refused with what to do.
//!
//! The expected pages come from the site's seed (`Site::links`), not from
//! another crawl. Nothing waits a fixed time for something to happen: the
//! tests poll (the results file, the server's counters) with long deadlines.

use crawler::cli::{Plan, Runtime, run, site as site_of};
use crawler::results::{self, Results};
use crawler::scenario::{Outcome, POLICY, PageResult, server_config};
use slow_server::site::{Kind, Site};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNTIMES: [Runtime; 3] = [Runtime::Tokio, Runtime::AsyncStd, Runtime::Smol];
const PATIENCE: Duration = Duration::from_secs(60);

fn temp_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crawler-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn path(id: u64) -> String {
    format!("/site/{id}")
}

fn id(url: &str) -> u64 {
    url.strip_prefix("/site/").unwrap().parse().unwrap()
}

/// The results by page, the last line of each winning; a page written
/// again after it was done (ok or 404) fails the test: only a failed page
/// is tried again, by --resume.
fn by_page(pages: &[PageResult]) -> BTreeMap<u64, &PageResult> {
    let mut found = BTreeMap::new();
    for page in pages {
        if let Some(before) = found.insert(id(&page.url), page) {
            assert_eq!(
                before.outcome,
                Outcome::Failed,
                "{} was fetched again after it was done",
                page.url
            );
        }
    }
    found
}

/// What a crawl must list, given which pages it got: the root, and every
/// link of every page it got (a page that failed gives no links).
fn expected(site: &Site, got: &BTreeMap<u64, &PageResult>) -> BTreeSet<u64> {
    let mut found = BTreeSet::from([0]);
    let mut frontier = VecDeque::from([0]);
    while let Some(page) = frontier.pop_front() {
        let ok = got.get(&page).is_some_and(|p| p.outcome == Outcome::Ok);
        for link in if ok { site.links(page) } else { vec![] } {
            if found.insert(link) {
                frontier.push_back(link);
            }
        }
    }
    found
}

/// Each page's result agrees with what the site is. Without injected
/// faults, a page that works or is missing takes one attempt: a 404 is
/// not retried.
fn check_each_page(site: &Site, got: &BTreeMap<u64, &PageResult>, faults: bool) {
    for (&page, result) in got {
        assert!(result.attempts <= POLICY.attempts, "{result:?}");
        if !faults && site.kind(page) != Kind::Dead {
            assert_eq!(result.attempts, 1, "{result:?}");
        }
        match (site.kind(page), result.outcome) {
            (Kind::Normal | Kind::Slow, Outcome::Ok) => {
                let links: Vec<String> = site.links(page).into_iter().map(path).collect();
                assert_eq!(result.links, links, "the links of page {page}");
            }
            (Kind::Missing, Outcome::NotFound) => {}
            // A dead page, or one whose faults outlasted the retries (a
            // missing page too: its 404 never came through the faults).
            (Kind::Dead | Kind::Normal | Kind::Slow, Outcome::Failed) => assert_eq!(
                result.attempts, POLICY.attempts,
                "a page fails only after every attempt: {result:?}"
            ),
            (Kind::Missing, Outcome::Failed) if faults => assert_eq!(
                result.attempts, POLICY.attempts,
                "a page fails only after every attempt: {result:?}"
            ),
            (kind, _) => panic!("page {page} is {kind:?}, but the crawl says {result:?}"),
        }
    }
}

fn plan(runtime: Runtime, concurrency: usize) -> Plan {
    let args = ["--runtime", runtime.name()].map(String::from);
    let mut plan = Plan::parse(&args).unwrap().unwrap();
    plan.concurrency = concurrency;
    plan
}

/// Polls `done` until it says yes, for at most [`PATIENCE`].
fn wait_for(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !done() {
        assert!(Instant::now() < deadline, "waited {PATIENCE:?} for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn with_faults_every_reachable_page_ends_fetched_or_failed_once_on_each_runtime() {
    for runtime in RUNTIMES {
        // 10% of requests fail (8% 500s, 2% resets), 2% hang.
        let mut config = server_config(1000, [8, 2, 2], 11);
        config.delay = Duration::from_millis(5);
        let site = config.site.clone();
        let server = slow_server::start(config).unwrap();
        let out = temp_file(&format!("faults-{}.jsonl", runtime.name()));
        let concurrency = 20;
        let report = run(
            &plan(runtime, concurrency),
            server.addr,
            Results::create(&out, &site_of(&plan(runtime, concurrency))).unwrap(),
            &[],
        );
        assert!(report.finished, "{runtime:?}: {report:?}");
        let pages = results::read(&out).unwrap();
        let got = by_page(&pages);
        check_each_page(&site, &got, true);
        let keys: BTreeSet<u64> = got.keys().copied().collect();
        assert_eq!(
            keys,
            expected(&site, &got),
            "{runtime:?}: pages missing or extra"
        );
        let reachable = site.reachable().len();
        assert!(
            got.len() * 10 > reachable * 9,
            "{runtime:?}: {} of {reachable} pages: retries should get almost all",
            got.len()
        );
        let retries: u32 = pages.iter().map(|p| p.attempts - 1).sum();
        assert!(
            retries > 0,
            "{runtime:?}: faults were injected, none retried"
        );
        let peak = server.stats.peak_in_flight();
        assert!(
            peak <= concurrency as u64,
            "{runtime:?}: {peak} in flight, the limit is {concurrency}"
        );
        // Pages in backoff are not in flight, so the peak may fall short of
        // the limit, but not far: a crawler that waits for each page
        // before the next would peak at 1.
        assert!(
            peak >= concurrency as u64 / 2,
            "{runtime:?}: the server saw at most {peak} requests at once; with \
             --concurrency {concurrency} the crawl should keep about that many in flight"
        );
        // Every attempt the file counts reached the server, and no other:
        // answered, or (a hang the client gave up on) abandoned.
        let attempts: u64 = pages.iter().map(|p| p.attempts as u64).sum();
        let stats = server.stats.clone();
        wait_for("the server to count every attempt", || {
            stats.served() + stats.abandoned() >= attempts
        });
        assert_eq!(
            stats.served() + stats.abandoned(),
            attempts,
            "{runtime:?}: the server saw requests the results file does not count"
        );
        eprintln!(
            "{runtime:?}: {} pages ({} ok, {} not found, {} failed), {retries} retries, peak {peak}",
            got.len(),
            report.counts.ok,
            report.counts.not_found,
            report.counts.failed
        );
    }
}

#[test]
fn a_try_limit_shorter_than_a_slow_page_makes_it_fail_after_every_try() {
    for runtime in RUNTIMES {
        // No injected faults; a fifth of the pages answer after a second,
        // far beyond the 300 ms limit, and the others after 5 ms, far
        // within it even on a busy machine.
        let mut config = server_config(100, [0, 0, 0], 5);
        config.delay = Duration::from_millis(5);
        config.site.slow_percent = 20;
        config.site.slow = Duration::from_millis(1000);
        let site = config.site.clone();
        let server = slow_server::start(config).unwrap();
        let args = ["--runtime", runtime.name(), "--try-ms", "300"].map(String::from);
        let plan = Plan::parse(&args).unwrap().unwrap();
        assert_eq!(plan.try_limit, Duration::from_millis(300));
        let out = temp_file(&format!("try-limit-{}.jsonl", runtime.name()));
        let report = run(
            &plan,
            server.addr,
            Results::create(&out, &site_of(&plan)).unwrap(),
            &[],
        );
        assert!(report.finished, "{runtime:?}: {report:?}");
        let pages = results::read(&out).unwrap();
        let got = by_page(&pages);
        let mut slow = 0;
        for (&id, page) in &got {
            match site.kind(id) {
                Kind::Slow => {
                    slow += 1;
                    assert!(
                        page.outcome == Outcome::Failed && page.attempts == POLICY.attempts,
                        "{runtime:?}: a 1 s page with a 300 ms limit per try must fail \
                         after {} tries: {page:?}",
                        POLICY.attempts
                    );
                    let error = page.error.as_deref().unwrap_or_default();
                    assert!(error.contains("300ms"), "{runtime:?}: {page:?}");
                }
                // (A try of a 5 ms page that a loaded machine delays past
                // the limit is tried again, so only the outcome is sure.)
                Kind::Normal => assert!(
                    page.outcome == Outcome::Ok,
                    "{runtime:?}: a 5 ms page fits in 300 ms: {page:?}"
                ),
                Kind::Dead | Kind::Missing => {}
            }
        }
        assert!(slow > 0, "{runtime:?}: the crawl reached no slow page");
    }
}

#[test]
fn a_failed_write_stops_the_crawl_at_once_on_each_runtime() {
    for runtime in RUNTIMES {
        let config = server_config(200, [0, 0, 0], 3);
        let server = slow_server::start(config).unwrap();
        // /dev/full takes an open, then fails every write: disk full.
        let full = Results::append(std::path::Path::new("/dev/full")).unwrap();
        let report = run(&plan(runtime, 10), server.addr, full, &[]);
        assert!(report.write_error.is_some(), "{runtime:?}: {report:?}");
        assert!(!report.finished, "{runtime:?}: {report:?}");
        assert_eq!(
            report.counts.pages(),
            1,
            "{runtime:?}: no page after the one whose line could not be written"
        );
    }
}

/// Runs the crawler's program.
fn program() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crawler"))
}

#[test]
fn ctrl_c_stops_within_a_second_and_resume_fetches_no_page_twice() {
    for runtime in RUNTIMES {
        // No faults and no dead pages: every page takes one attempt, so the
        // server's count of answers is the count of pages fetched. No slow
        // pages either: every page in flight at Ctrl-C ends well within the
        // grace period, even on a loaded machine.
        let mut config = server_config(1500, [0, 0, 0], 5);
        config.delay = Duration::from_millis(20);
        config.site.dead_percent = 0;
        config.site.slow_percent = 0;
        let site = config.site.clone();
        let server = slow_server::start(config).unwrap();
        let out = temp_file(&format!("resume-{}.jsonl", runtime.name()));
        let _ = std::fs::remove_file(&out);
        let args = |extra: &[&str]| {
            let mut args = vec!["--runtime", runtime.name(), "--concurrency", "10"];
            args.extend(extra);
            args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
        };
        let addr = server.addr.to_string();
        let out_text = out.to_str().unwrap();
        let mut child = program()
            .args(args(&["--server", &addr, "--out", out_text]))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = || {
            std::fs::read_to_string(&out)
                .map(|t| t.lines().count())
                .unwrap_or(0)
        };
        wait_for("the crawler's first 200 pages", || lines() >= 200);
        let sent = Instant::now();
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
        let status = child.wait().unwrap();
        let stopped = sent.elapsed();
        assert_eq!(
            status.code(),
            Some(130),
            "{runtime:?}: exit code after Ctrl-C"
        );
        assert!(
            stopped < Duration::from_secs(1),
            "{runtime:?}: Ctrl-C took {stopped:?} to stop the crawler; it must take under a second"
        );
        let before = results::read(&out).unwrap();
        assert!(
            before.len() < site.reachable().len(),
            "{runtime:?}: Ctrl-C came after the end"
        );
        let attempts_before: u64 = before.iter().map(|p| p.attempts as u64).sum();
        let stats = server.stats.clone();
        wait_for("the server to count its last answers", || {
            stats.served() >= attempts_before
        });
        // Every answer is in the file, but for the few (at most the 10 in
        // flight) that arrived just as the grace ended: fetched again below.
        let lost = server.stats.served() - attempts_before;
        assert!(
            lost <= 10,
            "{runtime:?}: {lost} answers the server sent are not in the file"
        );

        let resumed = program()
            .args(args(&["--server", &addr, "--out", out_text, "--resume"]))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&resumed.stdout);
        assert!(resumed.status.success(), "{runtime:?}: {stdout}");
        assert!(
            stdout.contains(&format!("{} pages done already", before.len())),
            "{stdout}"
        );
        let pages = results::read(&out).unwrap();
        let got = by_page(&pages); // no page twice
        check_each_page(&site, &got, false);
        let keys: BTreeSet<u64> = got.keys().copied().collect();
        assert_eq!(keys, site.reachable(), "{runtime:?}: interrupted + resumed");
        let attempts: u64 = pages.iter().map(|p| p.attempts as u64).sum();
        let served = server.stats.served();
        assert!(
            (attempts..=attempts + lost).contains(&served),
            "{runtime:?}: the server answered {served} requests, the file counts {attempts}: \
             a page was fetched twice"
        );
        assert!(server.stats.peak_in_flight() <= 10);
        eprintln!(
            "{runtime:?}: Ctrl-C after {} pages stopped in {stopped:?}; resume added {}",
            before.len(),
            pages.len() - before.len()
        );
    }
}

#[test]
fn a_closed_stderr_does_not_stop_the_crawl() {
    let mut child = program()
        .args([
            "--pages", "100", "--fail", "0", "--reset", "0", "--hang", "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take()); // `2>&1 | head -0`
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{:?}: {stdout}", out.status);
    assert!(stdout.starts_with("crawled "), "{stdout}");
}

#[test]
fn bad_arguments_exit_non_zero_and_say_what_to_do() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["--concurrency", "0"],
            "`--concurrency` takes a whole number from 1 to 1000",
        ),
        (&["--pages", "abc"], "`--pages` takes a whole number from 1"),
        (&["--server", "example.com:80"], "takes 127.0.0.1:PORT"),
        (
            &["--out", "/no/such/folder/crawl.jsonl"],
            "give a --out FILE in a folder you can write to",
        ),
        (&["--resume"], "give it as --out FILE"),
        (&["--runtime", "trio"], "use tokio, async-std or smol"),
    ];
    for (args, says) in cases {
        let out = program().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(says),
            "{args:?} should say `{says}`: {stderr}"
        );
    }
    // A results file is not written over, nor resumed for another site.
    let earlier = temp_file("earlier.jsonl");
    std::fs::write(
        &earlier,
        "{\"site\":{\"server\":\"own server\",\"pages\":9,\"seed\":1,\"links\":4}}\n\
         {\"url\":\"/site/0\",\"outcome\":\"ok\",\"status\":200,\"attempts\":1,\"links\":[]}\n",
    )
    .unwrap();
    let e = earlier.to_str().unwrap();
    for (args, says) in [
        (&["--out", e][..], "already holds 1 result: add --resume"),
        (
            &["--out", e, "--resume"][..],
            "another site (pages 9 there, 2000 now)",
        ),
    ] {
        let out = program().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(says),
            "{args:?} should say `{says}`: {stderr}"
        );
    }
    // Nobody there: the first page fails, and the program says so.
    let out = program()
        .args(["--server", "127.0.0.1:1"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("nothing was crawled; is a slow server started with --site-pages"),
        "{stderr}"
    );
    let missing = temp_file("never-written.jsonl");
    let out = program()
        .args(["--out", missing.to_str().unwrap(), "--resume"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("start a new crawl without --resume"),
        "{stderr}"
    );
}
