//! Wrong answer: an unbounded channel, the sensor paced by hand with a
//! sleep after each send.
//!
//! Why a student writes it: a pause as long as a handling keeps the sensor
//! in step on a good day. When a handling takes longer, nothing tells the
//! sensor, and it runs ahead: only a full channel holds it back every time.

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
            std::thread::sleep(std::time::Duration::from_millis(6));
        }
    });
    let mut sum = 0;
    while let Some(reading) = rx.recv().await {
        sum += handle(reading).await;
    }
    sum
}
