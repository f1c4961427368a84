//! What the gather/wait scenarios are, whatever the runtime: the jobs, their
//! delays, and what a correct run returns. The runtime versions import these
//! so that the three stay short and the tests can check all three the same way.

use harness::TaskRecord;
use std::time::Duration;

/// A job waits `units` delay units, then returns `units` (or fails).
#[derive(Clone, Copy, Debug)]
pub struct Job {
    pub name: &'static str,
    pub units: u32,
    pub fails: bool,
}

const fn job(name: &'static str, units: u32) -> Job {
    Job {
        name,
        units,
        fails: false,
    }
}

impl Job {
    pub fn delay(&self, unit: Duration) -> Duration {
        unit * self.units
    }

    /// What a job that may fail hands back at the end of its wait, recorded on the timeline.
    pub fn outcome(&self, record: TaskRecord) -> Result<u32, String> {
        if self.fails {
            Err(record.failed(format!("{} failed", self.name)))
        } else {
            Ok(record.done(self.units))
        }
    }
}

/// Three jobs that finish in the order b, c, a.
pub const THREE_JOBS: [Job; 3] = [job("a", 3), job("b", 1), job("c", 2)];

/// The same three, but b fails when its wait is over.
pub const ONE_FAILS: [Job; 3] = [
    job("a", 3),
    Job {
        name: "b",
        units: 1,
        fails: true,
    },
    job("c", 2),
];

/// Four jobs for `wait` with a timeout of [`WAIT_TIMEOUT_UNITS`]: two finish in time.
pub const FOUR_JOBS: [Job; 4] = [job("a", 1), job("b", 2), job("c", 4), job("d", 5)];
pub const WAIT_TIMEOUT_UNITS: u32 = 3;

/// Two groups gathered together.
pub const GROUP_1: [Job; 2] = [job("a", 1), job("b", 2)];
pub const GROUP_2: [Job; 2] = [job("c", 3), job("d", 1)];

/// Group 2 of the cancelling scenario is cancelled after this many units,
/// before either of its jobs is done. Group 1's jobs finish in the other
/// order than they were started, so a gather that loses the order shows.
pub const CANCEL_AFTER_UNITS: u32 = 1;
pub const CANCEL_GROUP_1: [Job; 2] = [job("a", 2), job("b", 1)];
pub const CANCEL_GROUP_2: [Job; 2] = [job("c", 2), job("d", 3)];

/// How long the caller works before it awaits the futures it made.
pub const LAZY_WORK_UNITS: u32 = 1;

/// What `wait(return_when=FIRST_EXCEPTION)` saw: the results done at the
/// first error (the error last), and the jobs that finished after it,
/// because nothing cancelled them.
#[derive(PartialEq)]
pub struct FirstException {
    pub done: Vec<Result<u32, String>>,
    pub finished_later: Vec<Result<u32, String>>,
}

impl std::fmt::Debug for FirstException {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "done {:?}, later {:?}", self.done, self.finished_later)
    }
}

/// What `wait` with a timeout saw: the results of the jobs that were done,
/// and how many were still pending when the time ran out.
#[derive(Debug, PartialEq)]
pub struct Waited {
    pub done: Vec<u32>,
    pub pending: usize,
}

/// The expected outcomes, computed from the jobs rather than written out.
pub mod expected {
    use super::*;

    /// Gather returns results in the order the jobs were given.
    pub fn in_submission_order(jobs: &[Job]) -> Vec<u32> {
        jobs.iter().map(|j| j.units).collect()
    }

    /// As-completed returns results in the order the jobs finish: shortest first.
    pub fn in_completion_order(jobs: &[Job]) -> Vec<u32> {
        let mut units = in_submission_order(jobs);
        units.sort();
        units
    }

    /// The longest delay: how long gathering the jobs should take.
    pub fn longest(jobs: &[Job]) -> u32 {
        jobs.iter().map(|j| j.units).max().unwrap_or(0)
    }

    /// The sum of the delays: how long running them one after another would take.
    pub fn sum(jobs: &[Job]) -> u32 {
        jobs.iter().map(|j| j.units).sum()
    }

    /// Every job's result, errors included (Python's `return_exceptions=True`).
    pub fn every_result(jobs: &[Job]) -> Vec<Result<u32, String>> {
        jobs.iter()
            .map(|j| {
                if j.fails {
                    Err(format!("{} failed", j.name))
                } else {
                    Ok(j.units)
                }
            })
            .collect()
    }

    /// The first error, which ends a gather that stops on failure.
    pub fn first_error(jobs: &[Job]) -> Result<Vec<u32>, String> {
        let failing = jobs.iter().filter(|j| j.fails).min_by_key(|j| j.units);
        match failing {
            Some(j) => Err(format!("{} failed", j.name)),
            None => Ok(in_submission_order(jobs)),
        }
    }

    /// The first error with what finished before it, then the others in
    /// the order they finish.
    pub fn first_exception(jobs: &[Job]) -> FirstException {
        let mut by_time: Vec<&Job> = jobs.iter().collect();
        by_time.sort_by_key(|j| j.units);
        let outcome = |j: &Job| {
            if j.fails {
                Err(format!("{} failed", j.name))
            } else {
                Ok(j.units)
            }
        };
        let split = by_time
            .iter()
            .position(|j| j.fails)
            .map_or(by_time.len(), |i| i + 1);
        FirstException {
            done: by_time[..split].iter().map(|j| outcome(j)).collect(),
            finished_later: by_time[split..].iter().map(|j| outcome(j)).collect(),
        }
    }

    /// Which jobs finish within `timeout` units, and how many do not.
    pub fn waited(jobs: &[Job], timeout: u32) -> Waited {
        let done = in_completion_order(jobs)
            .into_iter()
            .filter(|&u| u < timeout)
            .collect::<Vec<_>>();
        Waited {
            pending: jobs.len() - done.len(),
            done,
        }
    }
}
