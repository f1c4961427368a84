//! Wrong answer: reads everything on the blocking pool first, then handles
//! the readings.
//!
//! Why a student writes it: `spawn_blocking` is the chapter before's answer
//! to blocking code, and it keeps the runtime free. But nothing is handled
//! until the sensor is done, and every reading waits in memory: a sensor
//! that never ends would never be handled at all.

use std::future::Future;
use std::pin::Pin;

pub const CAPACITY: usize = 4;
pub type Sensor = Box<dyn FnMut() -> Option<u32> + Send>;
pub type Handler = Box<dyn FnMut(u32) -> Pin<Box<dyn Future<Output = u64> + Send>> + Send>;

pub async fn pipeline(mut sensor: Sensor, mut handle: Handler) -> u64 {
    let readings = tokio::task::spawn_blocking(move || {
        let mut readings = Vec::new();
        while let Some(reading) = sensor() {
            readings.push(reading);
        }
        readings
    })
    .await
    .unwrap();
    let mut sum = 0;
    for reading in readings {
        sum += handle(reading).await;
    }
    sum
}
