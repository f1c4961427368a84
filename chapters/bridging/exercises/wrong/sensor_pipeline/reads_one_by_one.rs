//! Wrong answer: no channel; each reading read on the blocking pool, then
//! handled, then the next read.
//!
//! Why a student writes it: `spawn_blocking` keeps the runtime's thread
//! free, and one reading at a time cannot run ahead. But the sensor waits
//! while a reading is handled and the handler waits while the sensor reads:
//! the two never work at the same time.

use std::future::Future;
use std::pin::Pin;

pub const CAPACITY: usize = 4;
pub type Sensor = Box<dyn FnMut() -> Option<u32> + Send>;
pub type Handler = Box<dyn FnMut(u32) -> Pin<Box<dyn Future<Output = u64> + Send>> + Send>;


pub async fn pipeline(mut sensor: Sensor, mut handle: Handler) -> u64 {
    let mut sum = 0;
    loop {
        let (back, reading) = tokio::task::spawn_blocking(move || {
            let reading = sensor();
            (sensor, reading)
        })
        .await
        .unwrap();
        sensor = back;
        match reading {
            Some(reading) => sum += handle(reading).await,
            None => return sum,
        }
    }
}
