//! The callback scenarios on smol.

use crate::scenario::*;
use futures::FutureExt;
use harness::Timeline;
use smol::Timer;
use std::time::Duration;

// ANCHOR: block_on
/// Runs a future to completion on the current thread. Tasks made with
/// `smol::spawn` run on smol's global executor.
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}
// ANCHOR_END: block_on

// ANCHOR: fetch
/// Waits the site's delay, then returns its page.
async fn fetch(tl: Timeline, site: Site, unit: Duration) -> String {
    let record = tl.start(site.url);
    Timer::after(unit * site.units).await;
    record.done(site.page())
}
// ANCHOR_END: fetch

// ANCHOR: done_callback
/// Python's `task.add_done_callback(callback)`. `inspect` wraps the future
/// before it is spawned: when the fetch completes, the closure runs inside
/// the task with a reference to the page, and the page goes on unchanged.
pub async fn done_callback(tl: Timeline, unit: Duration) -> String {
    let fetching = fetch(tl.clone(), SITE, unit);
    let with_callback = fetching.inspect(move |page| {
        tl.mark("callback", "saw", Some(page.clone()));
    });
    // What `task.result()` gives in Python: the page, not the callback's return.
    smol::spawn(with_callback).await
}
// ANCHOR_END: done_callback

// ANCHOR: partial
/// `task.add_done_callback(partial(report, url))`, once per site. Each
/// closure captures its own `url`, which is what `partial` was for; `map`
/// makes the closure's return value the task's output.
pub async fn partial(tl: Timeline, unit: Duration) -> Vec<String> {
    let mut tasks = Vec::new();
    for site in SITES {
        let (tl, url) = (tl.clone(), site.url);
        let fetching = fetch(tl.clone(), site, unit);
        tasks.push(smol::spawn(fetching.map(move |page| {
            tl.mark("report", "for", Some(url.to_string()));
            report(url, &page)
        })));
    }
    // The callbacks ran as each fetch completed; the tasks, awaited in
    // order, give their reports in the order the sites were given.
    futures::future::join_all(tasks).await
}
// ANCHOR_END: partial

// ANCHOR: channel
/// The callbacks' results go into a channel, and the caller awaits them as
/// they come: in the order the fetches complete. The "callback" is the line
/// after `.await`, in the same task.
pub async fn channel(tl: Timeline, unit: Duration) -> Vec<String> {
    let (tx, rx) = smol::channel::unbounded();
    for site in SITES {
        let (tl, tx) = (tl.clone(), tx.clone());
        // A dropped smol `Task` cancels its task: `detach` lets it run on.
        smol::spawn(async move {
            let page = fetch(tl, site, unit).await;
            // Fails only if the receiver is gone: then nobody wants the report.
            let _ = tx.send(report(site.url, &page)).await;
        })
        .detach();
    }
    // The tasks hold the other senders; once they are all dropped, `recv`
    // returns an error. Keep this one and the loop below never ends.
    drop(tx);
    let mut reports = Vec::new();
    while let Ok(line) = rx.recv().await {
        tl.mark("main", "got", Some(line.clone()));
        reports.push(line);
    }
    reports
}
// ANCHOR_END: channel

// ANCHOR: steps
/// The second step: waits, then counts the links of the page it borrows.
async fn parse(tl: Timeline, page: &str, unit: Duration) -> usize {
    let record = tl.start("parse");
    Timer::after(unit * PARSE_UNITS).await;
    record.done(count_links(page))
}

/// The third step: waits, then says what it stored.
async fn save(tl: Timeline, url: &str, links: usize, unit: Duration) -> String {
    let record = tl.start("save");
    Timer::after(unit * SAVE_UNITS).await;
    record.done(saved(url, links))
}
// ANCHOR_END: steps

// ANCHOR: chain
/// fetch, parse, save as a chain: each `then` gets the output of the step
/// before and returns the next step's future.
pub async fn chain(tl: Timeline, unit: Duration) -> String {
    let (tl_parse, tl_save) = (tl.clone(), tl.clone());
    fetch(tl, PIPELINE, unit)
        // `parse` borrows the page, so the page must move into the future
        // that uses it: an `async move` block, not `parse(.., &page, ..)`.
        .then(move |page| async move { parse(tl_parse, &page, unit).await })
        .then(move |links| save(tl_save, PIPELINE.url, links, unit))
        .await
}
// ANCHOR_END: chain

// ANCHOR: awaited
/// The same three steps, one `.await` after another: each result is a
/// local variable, in scope until the end.
pub async fn awaited(tl: Timeline, unit: Duration) -> String {
    let page = fetch(tl.clone(), PIPELINE, unit).await;
    let links = parse(tl.clone(), &page, unit).await;
    save(tl, PIPELINE.url, links, unit).await
}
// ANCHOR_END: awaited

// ANCHOR: nested
/// The inner coroutine: waits one unit, then returns the sum.
async fn add(tl: Timeline, x: u32, y: u32, unit: Duration) -> u32 {
    let record = tl.start("add");
    Timer::after(unit * ADD_UNITS).await;
    record.done(x + y)
}

/// The outer one: `.await` hands it what `add` returned, and it returns
/// that in turn (the Python tutorials print it here).
async fn print_sum(tl: Timeline, x: u32, y: u32, unit: Duration) -> u32 {
    let record = tl.start("print");
    let sum = add(tl.clone(), x, y, unit).await;
    record.done(sum)
}

/// `loop.create_task(print_sum(100, 200))`, and its result read without a
/// callback: awaiting the task gives what `print_sum` returned.
pub async fn nested(tl: Timeline, unit: Duration) -> u32 {
    smol::spawn(print_sum(tl, X, Y, unit)).await
}
// ANCHOR_END: nested
