//! Wrong answer: a thread per socket, each with a blocking `read_to_end`,
//! the threads named after their socket; the calling thread only waits on a
//! channel and calls `whole`.
//!
//! Why a student writes it: it is the blocking model, and naming threads is
//! a good habit for debugging (`reader-3` in a backtrace). Every answer is
//! on time and the calling thread hardly works. But it is a thread per
//! socket, the very thing a select loop avoids: one thread should wait on
//! every socket at once with `poll`.

use std::io::{self, Read};
use std::net::TcpStream;

pub fn read_all(sockets: Vec<TcpStream>, mut whole: impl FnMut(usize, Vec<u8>)) -> io::Result<()> {
    let n = sockets.len();
    let (tx, rx) = std::sync::mpsc::channel();
    for (i, mut socket) in sockets.into_iter().enumerate() {
        let tx = tx.clone();
        std::thread::Builder::new()
            .name(format!("reader-{i}"))
            .spawn(move || {
                let mut answer = Vec::new();
                let result = socket.read_to_end(&mut answer).map(|_| answer);
                let _ = tx.send((i, result));
            })?;
    }
    drop(tx);
    for _ in 0..n {
        let (i, result) = rx
            .recv()
            .map_err(|_| io::Error::other("a reader thread died"))?;
        whole(i, result?);
    }
    Ok(())
}
