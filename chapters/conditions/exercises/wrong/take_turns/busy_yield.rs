//! Wrong answer: no notification at all; a waiting player looks at the
//! turn, yields, and looks again.
//!
//! Why a student writes it: it is correct, and `yield_now` lets the other
//! tasks run, so nothing hangs. But the waiting player is polled
//! thousands of times while it waits, burning a core for nothing; a
//! condition lets it sleep until the turn changes.

use std::sync::Mutex;

pub struct Turns {
    players: usize,
    turn: Mutex<usize>,
}

impl Turns {
    pub fn new(players: usize) -> Turns {
        Turns {
            players,
            turn: Mutex::new(0),
        }
    }

    pub async fn wait_for_turn(&self, player: usize) {
        while *self.turn.lock().unwrap() != player {
            tokio::task::yield_now().await;
        }
    }

    pub fn end_turn(&self) {
        let mut turn = self.turn.lock().unwrap();
        *turn = (*turn + 1) % self.players;
    }
}
