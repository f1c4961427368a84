//! Wrong answer: reads the sensor inside the async function.
//!
//! Why a student writes it: it is the shortest loop, and it gives the right
//! sum. But every read blocks the thread that runs the runtime's tasks; on
//! tokio's current-thread runtime nothing else runs while the sensor waits.

use std::future::Future;
use std::pin::Pin;

pub const CAPACITY: usize = 4;
pub type Sensor = Box<dyn FnMut() -> Option<u32> + Send>;
pub type Handler = Box<dyn FnMut(u32) -> Pin<Box<dyn Future<Output = u64> + Send>> + Send>;

pub async fn pipeline(mut sensor: Sensor, mut handle: Handler) -> u64 {
    let mut sum = 0;
    while let Some(reading) = sensor() {
        sum += handle(reading).await;
    }
    sum
}
