// Awaiting something that is not a future.
fn fetch() -> u32 {
    42
}

async fn run() -> u32 {
    fetch().await
}

fn main() {
    let _ = run();
}
