//! Wrong answer: the jobs split into `workers` contiguous chunks, a scoped
//! thread per chunk.
//!
//! Why a student writes it: never more than `workers` threads, the values
//! stay in order, and with equal jobs it is as fast as a pool. But the
//! split is fixed before anything runs: the thread whose chunk holds the
//! long job is still busy while the other has finished and stands idle.
use exercise_support::threads::BlockingJob;

pub fn map_on_pool(jobs: Vec<BlockingJob>, workers: usize) -> Vec<u32> {
    let per_thread = (jobs.len() / workers).max(1);
    let mut rest = jobs;
    let mut chunks: Vec<Vec<BlockingJob>> = Vec::new();
    while !rest.is_empty() {
        let tail = if chunks.len() + 1 == workers {
            Vec::new() // the last thread takes what is left
        } else {
            rest.split_off(per_thread.min(rest.len()))
        };
        chunks.push(std::mem::replace(&mut rest, tail));
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| s.spawn(move || chunk.into_iter().map(|j| j.run()).collect::<Vec<u32>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    })
}
