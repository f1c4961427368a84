//! The crawler against the real slow server over loopback, on each runtime:
//! with injected faults every reachable page ends fetched or failed after
//! its retries, once; the server never sees more than --concurrency at
//! once; Ctrl-C stops the program within about a second with what it
//! fetched on disk, and --resume finishes the crawl without fetching a page
//! twice; bad arguments are refused with what to do.
//!
//! The expected pages come from the site's seed (`Site::links`), not from
//! another crawl. Nothing waits a fixed time for something to happen: the
//! tests poll (the results file, the server's counters) with long deadlines.

use crawler::cli::{Plan, Runtime, run};
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

/// The results by page; a page written twice fails the test.
fn by_page(pages: &[PageResult]) -> BTreeMap<u64, &PageResult> {
    let mut found = BTreeMap::new();
    for page in pages {
        assert!(
            found.insert(id(&page.url), page).is_none(),
            "{} was written twice",
            page.url
        );
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
            // A dead page, or one whose faults outlasted the retries.
            (Kind::Dead | Kind::Normal | Kind::Slow, Outcome::Failed) => assert_eq!(
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
            Results::create(&out).unwrap(),
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
            stopped < Duration::from_millis(1500),
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
        let served_at_stop = server.stats.served();
        assert_eq!(
            served_at_stop, attempts_before,
            "{runtime:?}: every answer the server sent before Ctrl-C is in the file"
        );

        let resumed = program()
            .args(args(&["--server", &addr, "--out", out_text, "--resume"]))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&resumed.stdout);
        assert!(resumed.status.success(), "{runtime:?}: {stdout}");
        assert!(
            stdout.contains(&format!("{} pages were done already", before.len())),
            "{stdout}"
        );
        let pages = results::read(&out).unwrap();
        let got = by_page(&pages); // no page twice
        check_each_page(&site, &got, false);
        let keys: BTreeSet<u64> = got.keys().copied().collect();
        assert_eq!(keys, site.reachable(), "{runtime:?}: interrupted + resumed");
        let attempts: u64 = pages.iter().map(|p| p.attempts as u64).sum();
        assert_eq!(
            server.stats.served(),
            attempts,
            "{runtime:?}: the server answered a page twice"
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
