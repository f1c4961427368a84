//! Wrong answer: the turn is recorded and the wait is a loop, but
//! `end_turn` wakes one waiter (`notify_one`).
//!
//! Why a student writes it: only one player can go next, so waking one
//! looks enough, and it saves waking the others for nothing. But the one
//! woken is the one that has waited longest, not the one whose turn it
//! is: it looks, goes back to sleep, and the right player is never woken.

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
        self.changed.notify_one();
    }
}
