//! Wrong answer: a plain thread that sends with `try_send` and goes on when
//! the channel is full.
//!
//! Why a student writes it: `try_send` needs no runtime and never blocks,
//! so it looks safe on any thread. When the channel is full it gives the
//! reading back as an error, and ignoring that error drops the reading.

use std::future::Future;
use std::pin::Pin;

pub const CAPACITY: usize = 4;
pub type Sensor = Box<dyn FnMut() -> Option<u32> + Send>;
pub type Handler = Box<dyn FnMut(u32) -> Pin<Box<dyn Future<Output = u64> + Send>> + Send>;

pub async fn pipeline(mut sensor: Sensor, mut handle: Handler) -> u64 {
    let (tx, mut rx) = tokio::sync::mpsc::channel(CAPACITY);
    std::thread::spawn(move || {
        while let Some(reading) = sensor() {
            let _ = tx.try_send(reading);
        }
    });
    let mut sum = 0;
    while let Some(reading) = rx.recv().await {
        sum += handle(reading).await;
    }
    sum
}
