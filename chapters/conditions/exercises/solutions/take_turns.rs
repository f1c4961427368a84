//! Taking turns in a circle: players 0, 1, ..., `players - 1`, then 0
//! again. A player waits for its turn, plays, and ends its turn, which
//! lets the next player go. Players arrive in any order, and one may
//! arrive after its turn has come: it must then go at once.
//!
//! Use tokio's `Notify` for the wake-ups and a `Mutex` for whose turn it
//! is, as the chapter's tokio `turns` does. The checker plays on tokio's
//! current-thread runtime.

use std::sync::Mutex;
use tokio::sync::Notify;

pub struct Turns {
    // BEGIN SOLUTION
    players: usize,
    /// Whose turn it is: the state the players wait on.
    turn: Mutex<usize>,
    /// Woken when the turn changes.
    changed: Notify,
    // END SOLUTION
    // STARTER players: usize, // and what else you need
}

impl Turns {
    /// A game of `players` players; player 0 goes first.
    pub fn new(players: usize) -> Turns {
        // BEGIN SOLUTION
        Turns {
            players,
            turn: Mutex::new(0),
            changed: Notify::new(),
        }
        // END SOLUTION
        // STARTER Turns { players }
    }

    /// Waits until it is `player`'s turn; returns at once if it already is.
    pub async fn wait_for_turn(&self, player: usize) {
        // BEGIN SOLUTION
        loop {
            // Made before the look, so a `notify_waiters` between the look
            // and the `.await` still wakes this player (`enable` would
            // matter for `notify_one` too).
            let mut changed = std::pin::pin!(self.changed.notified());
            changed.as_mut().enable();
            if *self.turn.lock().unwrap() == player {
                return;
            }
            changed.await;
        }
        // END SOLUTION
        // STARTER todo!("wait until it is `player`'s turn")
    }

    /// Ends the current turn: the next player in the circle may go.
    pub fn end_turn(&self) {
        // BEGIN SOLUTION
        let mut turn = self.turn.lock().unwrap();
        *turn = (*turn + 1) % self.players;
        // Every waiter looks: only the one whose turn it is goes on.
        self.changed.notify_waiters();
        // END SOLUTION
        // STARTER todo!("pass the turn to the next player, and wake the one who waits for it")
    }
}
