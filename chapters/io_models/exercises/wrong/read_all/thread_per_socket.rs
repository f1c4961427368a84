//! Wrong answer: a thread per socket, each with a blocking `read_to_end`.
//!
//! Why a student writes it: it is the blocking model, and it works: every
//! answer is reported on time and the calling thread hardly works. But
//! the exercise is the other model: one thread waiting on every socket at
//! once. Ten thousand sockets would be ten thousand threads (see C10k).

use std::io::{self, Read};
use std::net::TcpStream;

pub fn read_all(sockets: Vec<TcpStream>, mut whole: impl FnMut(usize, Vec<u8>)) -> io::Result<()> {
    let (tx, rx) = std::sync::mpsc::channel();
    for (i, mut socket) in sockets.into_iter().enumerate() {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut answer = Vec::new();
            let result = socket.read_to_end(&mut answer).map(|_| answer);
            let _ = tx.send((i, result));
        });
    }
    drop(tx);
    for (i, answer) in rx {
        whole(i, answer?);
    }
    Ok(())
}
