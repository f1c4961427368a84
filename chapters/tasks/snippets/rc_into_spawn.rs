// A task that holds an `Rc` across an `.await`: `tokio::spawn` wants a
// future that is `Send`, since a worker thread other than this one may
// resume it, and `Rc`'s count is not safe to change from two threads.
use std::rc::Rc;

async fn count_later() {
    let log = Rc::new(vec!["a", "b"]);
    let task = tokio::spawn(async move {
        tokio::task::yield_now().await;
        println!("{} entries", log.len());
    });
    task.await.unwrap();
}

fn main() {
    let _ = count_later();
}
