// A forgotten `.await`: `save()` builds a future and drops it, so nothing
// is saved. By default this is a warning; here it is made an error, as
// `#![deny(warnings)]` or `-D warnings` in CI would.
#![deny(unused_must_use)]

async fn save(line: &str) {
    println!("saved {line}");
}

async fn run() {
    save("a line");
}

fn main() {
    let _ = run();
}
