// A `std::sync::MutexGuard` held across an `.await`: the task is not `Send`,
// so `tokio::spawn`, which may move it to another worker thread, refuses it.
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn count(total: Arc<Mutex<u32>>) {
    let mut guard = total.lock().unwrap();
    tokio::time::sleep(Duration::from_millis(10)).await;
    *guard += 1;
}

fn main() {
    let total = Arc::new(Mutex::new(0));
    tokio::spawn(count(total));
}
