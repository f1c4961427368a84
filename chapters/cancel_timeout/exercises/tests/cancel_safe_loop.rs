//! Checks for `cancel_safe_loop`. A sender on a plain thread writes 300
//! messages drawn for the run, each in two halves, pausing 3 ms between the
//! halves of every fourth: the ticker fires in the middle of many of them.

use cancel_timeout_exercises::cancel_safe_loop::{MESSAGE_LEN, receive};
use exercise_support::random_values;
use std::io::Write;
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

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

fn run() -> (Vec<[u8; MESSAGE_LEN]>, Vec<[u8; MESSAGE_LEN]>, u32) {
    let sent = messages();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let to_send = sent.clone();
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
    });
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let got = runtime.block_on(async {
            let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
            receive(stream).await
        });
        let _ = done.send(got);
    });
    let (received, ticks) = result
        .recv_timeout(Duration::from_secs(20))
        .expect("receive did not return within 20 s of the sender closing (or it panicked)");
    (sent, received, ticks)
}

#[test]
fn every_message_arrives_whole_and_in_order() {
    let (sent, received, _) = run();
    let intact = sent
        .iter()
        .zip(&received)
        .take_while(|(s, r)| s == r)
        .count();
    assert_eq!(
        received.len(),
        sent.len(),
        "{} messages came back of {} sent; the first {intact} were right: a read dropped by the select! lost part of a message",
        received.len(),
        sent.len()
    );
    assert!(
        received == sent,
        "only the first {intact} of {} messages came back right: a read dropped by the select! lost part of a message, and the rest were read from the wrong place",
        sent.len()
    );
}

#[test]
fn the_ticker_keeps_ticking_while_it_waits() {
    let (_, _, ticks) = run();
    // The sender pauses 75 times for 3 ms: the ticker has room for 75 ticks at least.
    assert!(
        ticks >= 50,
        "the ticker fired {ticks} times: keep it in the loop beside the read, so it fires while the read waits"
    );
}
