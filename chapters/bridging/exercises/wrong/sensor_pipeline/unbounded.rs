//! Wrong answer: a plain thread and an unbounded channel.
//!
//! Why a student writes it: `unbounded_channel`'s `send` never waits and
//! needs no `blocking_` version, so it looks like the simpler bridge. With
//! nothing to hold it back, the faster sensor runs ahead of the handler,
//! and the channel grows without limit.

use std::future::Future;
use std::pin::Pin;

pub const CAPACITY: usize = 4;
pub type Sensor = Box<dyn FnMut() -> Option<u32> + Send>;
pub type Handler = Box<dyn FnMut(u32) -> Pin<Box<dyn Future<Output = u64> + Send>> + Send>;

pub async fn pipeline(mut sensor: Sensor, mut handle: Handler) -> u64 {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    std::thread::spawn(move || {
        while let Some(reading) = sensor() {
            let _ = tx.send(reading);
        }
    });
    let mut sum = 0;
    while let Some(reading) = rx.recv().await {
        sum += handle(reading).await;
    }
    sum
}
