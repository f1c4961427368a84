//! Wrong answer: the readings come through the channel, but each handling
//! is only started; all of them are awaited at the end.
//!
//! Why a student writes it: `join_all` runs the handlings at the same time,
//! which looks faster. The channel then holds nothing back: every reading
//! is taken at once, and 40 handlings are under way together.

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
    let mut pending = Vec::new();
    while let Some(reading) = rx.recv().await {
        pending.push(handle(reading));
    }
    futures::future::join_all(pending).await.into_iter().sum()
}
