//! Checks for `mailbox`, with OS threads. Every wait is bounded: the
//! threads report over a channel, and a check that hears nothing within
//! its limit fails instead of hanging. The letters are values drawn for
//! the run.

use conditions_exercises::mailbox::Mailbox;
use exercise_support::random_values;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(5);

/// The CPU time the calling thread has used so far.
fn thread_cpu_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill in.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(ok, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// How many times the calling thread has given up the CPU of its own
/// accord so far: once per sleep. A thread waiting on a condition
/// variable sleeps once per wake-up; one that polls, sleeping a few
/// milliseconds between looks, sleeps hundreds of times a second.
fn voluntary_switches() -> i64 {
    // SAFETY: an all-zero rusage is a valid value for the call to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid rusage for the call to fill in.
    let ok = unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut usage) };
    assert_eq!(ok, 0, "getrusage(RUSAGE_THREAD)");
    usage.ru_nvcsw
}

/// A waiting thread may sleep this many times: a few wake-ups (a
/// `notify_all` for a letter another thread takes), not a poll every few
/// milliseconds (60 in 300 ms at 5 ms).
const MOST_SLEEPS: i64 = 10;

#[test]
fn every_letter_is_taken_exactly_once_with_many_posters_and_takers() {
    const POSTERS: usize = 3;
    const EACH: usize = 40;
    let letters = random_values(POSTERS * EACH);
    let mailbox = Arc::new(Mailbox::new());
    let (took, taken) = mpsc::channel();
    for chunk in letters.chunks(EACH) {
        let (mailbox, chunk) = (mailbox.clone(), chunk.to_vec());
        thread::spawn(move || chunk.into_iter().for_each(|l| mailbox.put(l)));
    }
    for _ in 0..POSTERS {
        let (mailbox, took) = (mailbox.clone(), took.clone());
        thread::spawn(move || {
            for _ in 0..EACH {
                let _ = took.send(mailbox.take());
            }
        });
    }
    let started = Instant::now();
    let mut got = Vec::new();
    while got.len() < letters.len() {
        match taken.recv_timeout(LIMIT.saturating_sub(started.elapsed())) {
            Ok(letter) => got.push(letter),
            Err(RecvTimeoutError::Timeout) => panic!(
                "{} of {} letters taken, then nothing for {LIMIT:?}: are threads waiting that nobody wakes?",
                got.len(),
                letters.len()
            ),
            Err(RecvTimeoutError::Disconnected) => {
                panic!("a taker panicked after {} letters (see above)", got.len())
            }
        }
    }
    let (mut got, mut sent) = (got, letters.clone());
    got.sort();
    sent.sort();
    assert_eq!(got, sent, "each letter posted must be taken once");
}

#[test]
fn a_full_box_makes_the_poster_wait_until_the_letter_is_taken() {
    let [first, second] = random_values(2)[..] else {
        unreachable!()
    };
    let mailbox = Arc::new(Mailbox::new());
    mailbox.put(first);
    let (posted, poster_done) = mpsc::channel();
    {
        let mailbox = mailbox.clone();
        thread::spawn(move || {
            let before = voluntary_switches();
            mailbox.put(second);
            let _ = posted.send((Instant::now(), voluntary_switches() - before));
        });
    }
    assert!(
        poster_done
            .recv_timeout(Duration::from_millis(400))
            .is_err(),
        "the second letter was posted while the box was full: it must wait"
    );
    let taken_at = Instant::now();
    assert_eq!(
        mailbox.take(),
        first,
        "the first letter posted comes out first"
    );
    let (posted_at, sleeps) = poster_done
        .recv_timeout(LIMIT)
        .expect("the poster should be woken once the box is empty");
    assert!(
        sleeps <= MOST_SLEEPS,
        "the poster went to sleep {sleeps} times while it waited for the box to empty: it should sleep until woken, not look now and then"
    );
    assert!(
        posted_at.saturating_duration_since(taken_at) < Duration::from_millis(150),
        "the poster went on {:?} after the box was emptied: it should be woken, not look now and then",
        posted_at.saturating_duration_since(taken_at)
    );
    assert_eq!(mailbox.take(), second);
}

#[test]
fn three_takers_and_one_letter_only_one_goes_and_the_others_keep_waiting() {
    let letters = random_values(3);
    let mailbox = Arc::new(Mailbox::new());
    let (took, taken) = mpsc::channel();
    let mut cpu = Vec::new();
    let (cpu_sent, cpu_got) = mpsc::channel();
    for _ in 0..3 {
        let (mailbox, took, cpu_sent) = (mailbox.clone(), took.clone(), cpu_sent.clone());
        thread::spawn(move || {
            let (before, sleeps) = (thread_cpu_time(), voluntary_switches());
            let letter = mailbox.take();
            let _ = cpu_sent.send((thread_cpu_time() - before, voluntary_switches() - sleeps));
            let _ = took.send(letter);
        });
    }
    drop((took, cpu_sent));
    thread::sleep(Duration::from_millis(300)); // all three are waiting
    mailbox.put(letters[0]);
    let first = taken.recv_timeout(LIMIT).unwrap_or_else(|e| {
        panic!("one letter posted to three waiting takers, and nobody took it ({e:?})")
    });
    assert_eq!(first, letters[0]);
    match taken.recv_timeout(Duration::from_millis(300)) {
        Err(RecvTimeoutError::Timeout) => {}
        Ok(other) => panic!("a second taker went with {other} although only one letter was posted"),
        Err(RecvTimeoutError::Disconnected) => {
            panic!("the other takers ended (panicked?) although no letter was there for them")
        }
    }
    {
        // From a thread of its own: a `put` that is never woken must fail
        // the check, not hang it.
        let (mailbox, rest) = (mailbox.clone(), letters[1..].to_vec());
        thread::spawn(move || rest.into_iter().for_each(|l| mailbox.put(l)));
    }
    let mut rest: Vec<u32> = (0..2)
        .map(|_| {
            taken
                .recv_timeout(LIMIT)
                .expect("the other two takers get the next two letters")
        })
        .collect();
    rest.sort();
    let mut expected = letters[1..].to_vec();
    expected.sort();
    assert_eq!(rest, expected);
    for _ in 0..3 {
        cpu.push(
            cpu_got
                .recv_timeout(LIMIT)
                .expect("each taker reports its CPU time"),
        );
    }
    let most_sleeps = cpu.iter().map(|c| c.1).max().unwrap();
    assert!(
        most_sleeps <= MOST_SLEEPS,
        "a taker went to sleep {most_sleeps} times while it waited about 300 ms or more: it should sleep until woken, not look now and then"
    );
    let most = cpu.iter().map(|c| c.0).max().unwrap();
    assert!(
        most < Duration::from_millis(100),
        "a taker used {most:?} of CPU while it waited about 300 ms or more: it should sleep, not spin"
    );
}
