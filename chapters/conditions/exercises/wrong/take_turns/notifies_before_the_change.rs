//! Wrong answer: the turn is recorded and the wait is a loop that
//! registers before it looks, but `end_turn` wakes the waiters first and
//! changes the turn after, under a lock it takes only then.
//!
//! Why a student writes it: "end the turn" reads as "tell the others, then
//! move on", and the order looks harmless because the players look at the
//! turn again when they wake. But a player woken on another thread can
//! look before the turn has changed, find it is not its turn yet, and go
//! back to sleep on a new `notified()` that the `notify_waiters` already
//! sent cannot reach; then the turn changes and nobody is told. On a
//! current-thread runtime a woken player cannot run until `end_turn` has
//! returned, so only the checker's games on two worker threads catch it.

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
        self.changed.notify_waiters();
        let mut turn = self.turn.lock().unwrap();
        *turn = (*turn + 1) % self.players;
    }
}
