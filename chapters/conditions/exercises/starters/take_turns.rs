// Exercise `take_turns`: replace the `todo` below with your code, then run
// `cargo exercise check take_turns`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

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
    players: usize, // and what else you need
}

impl Turns {
    /// A game of `players` players; player 0 goes first.
    pub fn new(players: usize) -> Turns {
        Turns { players }
    }

    /// Waits until it is `player`'s turn; returns at once if it already is.
    pub async fn wait_for_turn(&self, player: usize) {
        todo!("wait until it is `player`'s turn")
    }

    /// Ends the current turn: the next player in the circle may go.
    pub fn end_turn(&self) {
        todo!("pass the turn to the next player, and wake the one who waits for it")
    }
}
