//! Wrong answer: a channel one reading larger than asked.
//!
//! Why a student writes it: "a little more room can't hurt". The capacity
//! is the bound the program promises on readings in flight; the sensor now
//! runs one further ahead than that.

use std::future::Future;
use std::pin::Pin;

pub const CAPACITY: usize = 4;
pub type Sensor = Box<dyn FnMut() -> Option<u32> + Send>;
pub type Handler = Box<dyn FnMut(u32) -> Pin<Box<dyn Future<Output = u64> + Send>> + Send>;


pub async fn pipeline(mut sensor: Sensor, mut handle: Handler) -> u64 {
    let (tx, mut rx) = tokio::sync::mpsc::channel(CAPACITY + 1);
    std::thread::spawn(move || {
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
