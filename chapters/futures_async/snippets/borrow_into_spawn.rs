// A spawned task that borrows a local variable: `tokio::spawn` wants a
// future that owns what it uses (`'static`), since the task may outlive
// the function that spawned it.
async fn greet() {
    let name = String::from("world");
    let task = tokio::spawn(async {
        println!("hello, {name}");
    });
    task.await.unwrap();
}

fn main() {
    let _ = greet();
}
