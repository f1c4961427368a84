//! Checks for `cancel_safe_loop`. A sender on a plain thread writes 300
//! messages drawn for the run, each in two halves, pausing 3 ms between the
//! halves of every fourth: the ticker fires in the middle of many of them.

use cancel_timeout_exercises::cancel_safe_loop::{MESSAGE_LEN, receive};
use exercise_support::random_values;
use std::io::Write;
use std::net::TcpListener;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const MESSAGES: usize = 300;

/// Messages drawn for the run: bytes from a xorshift generator seeded
/// with numbers drawn for the run, so no two runs send the same ones.
fn messages() -> Vec<[u8; MESSAGE_LEN]> {
    let seed = random_values(2);
    let mut state = (u64::from(seed[0]) << 32) | u64::from(seed[1]);
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..MESSAGES)
        .map(|_| {
            let mut m = [0u8; MESSAGE_LEN];
            m[..8].copy_from_slice(&next().to_le_bytes());
            m[8..].copy_from_slice(&next().to_le_bytes());
            m
        })
        .collect()
}

struct Run {
    sent: Vec<[u8; MESSAGE_LEN]>,
    received: Vec<[u8; MESSAGE_LEN]>,
    /// When each tick was reported.
    ticks: Vec<Instant>,
    /// When the sender had written its last byte.
    sender_done: Instant,
}

fn run() -> Run {
    let sent = messages();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let to_send = sent.clone();
    let sender_done = Arc::new(Mutex::new(None));
    let done_at = sender_done.clone();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream.set_nodelay(true).unwrap();
        for (i, m) in to_send.iter().enumerate() {
            let (first, second) = m.split_at(MESSAGE_LEN / 2);
            if stream.write_all(first).is_err() {
                return;
            }
            if i % 4 == 0 {
                std::thread::sleep(Duration::from_millis(3));
            }
            if stream.write_all(second).is_err() {
                return;
            }
        }
        *done_at.lock().unwrap() = Some(Instant::now());
    });
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let got = runtime.block_on(async {
            let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
            let mut ticks = Vec::new();
            let received = receive(stream, || ticks.push(Instant::now())).await;
            (received, ticks)
        });
        let _ = done.send(got);
    });
    let (received, ticks) = result
        .recv_timeout(Duration::from_secs(20))
        .expect("receive did not return within 20 s (or it panicked)");
    let sender_done = sender_done.lock().unwrap().expect("the sender finished");
    Run {
        sent,
        received,
        ticks,
        sender_done,
    }
}

#[test]
fn every_message_arrives_whole_and_in_order() {
    let Run { sent, received, .. } = run();
    let intact = sent
        .iter()
        .zip(&received)
        .take_while(|(s, r)| s == r)
        .count();
    assert_eq!(
        received.len(),
        sent.len(),
        "{} messages came back of {} sent; the first {intact} were right: a read dropped by the select! lost part of a message (or bytes after the last whole message of a read were thrown away)",
        received.len(),
        sent.len()
    );
    assert!(
        received == sent,
        "only the first {intact} of {} messages came back right: a read dropped by the select! lost part of a message, and the rest were read from the wrong place (or bytes after the last whole message of a read were thrown away)",
        sent.len()
    );
}

#[test]
fn the_ticker_keeps_ticking_while_it_waits() {
    let run = run();
    // The sender pauses 75 times for 3 ms: room for 75 ticks at least,
    // while it is still sending.
    let while_sending = run.ticks.iter().filter(|t| **t <= run.sender_done).count();
    assert!(
        while_sending >= 50,
        "the ticker fired {while_sending} times while the messages came ({} in all): keep it in the loop beside the read, so it fires while the read waits",
        run.ticks.len()
    );
}
