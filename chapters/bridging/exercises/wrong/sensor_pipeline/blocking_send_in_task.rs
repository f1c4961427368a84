//! Wrong answer: the sensor loop in a tokio task, with `blocking_send`.
//!
//! Why a student writes it: `tokio::spawn` is how to run something beside
//! the receiving loop, and `blocking_send` is the bounded channel's send
//! for code that is not async. But a task is async code on the runtime's
//! thread: `blocking_send` there panics, and the sensor's reads would
//! block that thread anyway.

use std::future::Future;
use std::pin::Pin;

pub const CAPACITY: usize = 4;
pub type Sensor = Box<dyn FnMut() -> Option<u32> + Send>;
pub type Handler = Box<dyn FnMut(u32) -> Pin<Box<dyn Future<Output = u64> + Send>> + Send>;

pub async fn pipeline(mut sensor: Sensor, mut handle: Handler) -> u64 {
    let (tx, mut rx) = tokio::sync::mpsc::channel(CAPACITY);
    tokio::spawn(async move {
        while let Some(reading) = sensor() {
            if tx.blocking_send(reading).is_err() {
                break;
            }
        }
    });
    let mut sum = 0;
    while let Some(reading) = rx.recv().await {
        sum += handle(reading).await;
    }
    sum
}
