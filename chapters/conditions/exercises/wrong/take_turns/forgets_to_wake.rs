//! Wrong answer: the turn is recorded and the wait is a loop, but
//! `end_turn` changes the turn without notifying.
//!
//! Why a student writes it: the state is the message, as the chapter
//! says, so changing it looks like enough. A sleeping player does not see
//! the change: nothing wakes it to look.

use std::sync::Mutex;
use tokio::sync::Notify;

pub struct Turns {
    players: usize,
    turn: Mutex<usize>,
    changed: Notify,
}

impl Turns {
    pub fn new(players: usize) -> Turns {
        Turns {
            players,
            turn: Mutex::new(0),
            changed: Notify::new(),
        }
    }

    pub async fn wait_for_turn(&self, player: usize) {
        loop {
            let mut changed = std::pin::pin!(self.changed.notified());
            changed.as_mut().enable();
            if *self.turn.lock().unwrap() == player {
                return;
            }
            changed.await;
        }
    }

    pub fn end_turn(&self) {
        let mut turn = self.turn.lock().unwrap();
        *turn = (*turn + 1) % self.players;
    }
}
