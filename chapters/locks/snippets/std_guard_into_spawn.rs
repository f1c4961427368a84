// A task that holds a `std::sync::MutexGuard` across an `.await`:
// `tokio::spawn` wants a `Send` future, and a std guard must be released
// on the thread that took the lock, so it is not `Send`.
use std::sync::{Arc, Mutex};

async fn add_later(total: Arc<Mutex<u32>>) {
    let task = tokio::spawn(async move {
        let mut guard = total.lock().unwrap();
        tokio::task::yield_now().await; // the guard is held across this
        *guard += 1;
    });
    task.await.unwrap();
}

fn main() {
    let _ = add_later(Arc::default());
}
