//! Wrong answer: the chapter's own loop thread, copied: a new current-thread
//! runtime on a new thread named `loop-thread`, and the jobs spawned there.
//!
//! Why a student writes it: it is the code the chapter shows, and it works.
//! But `run_on` is handed a runtime that already runs; a loop of its own
//! leaves that runtime (and whatever else it owns) out, and costs a thread
//! and a runtime per call.

use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub fn run_on(_handle: &tokio::runtime::Handle, jobs: Vec<Job>) -> Vec<u32> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let handle = runtime.handle().clone();
    let loop_thread = std::thread::Builder::new()
        .name("loop-thread".into())
        .spawn(move || runtime.block_on(stopped))
        .unwrap();
    let answers: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let (reply, answer) = tokio::sync::oneshot::channel();
            handle.spawn(async move {
                let _ = reply.send(job.await);
            });
            answer
        })
        .collect();
    let values = answers.into_iter().map(|a| a.blocking_recv().unwrap()).collect();
    let _ = stop.send(());
    loop_thread.join().unwrap().unwrap();
    values
}
