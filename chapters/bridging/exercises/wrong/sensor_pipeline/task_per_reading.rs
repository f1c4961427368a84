//! Wrong answer: a task per reading, the tasks awaited at the end.
//!
//! Why a student writes it: spawning is how the earlier chapters ran work
//! at the same time. Each spawn frees the channel at once, so the sensor is
//! never held back: the backpressure is gone.

use std::future::Future;
use std::pin::Pin;

pub const CAPACITY: usize = 4;
pub type Sensor = Box<dyn FnMut() -> Option<u32> + Send>;
pub type Handler = Box<dyn FnMut(u32) -> Pin<Box<dyn Future<Output = u64> + Send>> + Send>;


pub async fn pipeline(mut sensor: Sensor, mut handle: Handler) -> u64 {
    let (tx, mut rx) = tokio::sync::mpsc::channel(CAPACITY);
    std::thread::spawn(move || {
        while let Some(reading) = sensor() {
            if tx.blocking_send(reading).is_err() {
                break;
            }
        }
    });
    let mut tasks = Vec::new();
    while let Some(reading) = rx.recv().await {
        tasks.push(tokio::spawn(handle(reading)));
    }
    let mut sum = 0;
    for task in tasks {
        sum += task.await.unwrap();
    }
    sum
}
