//! Checks for `take_turns`, on tokio's current-thread runtime (so the
//! checks do not depend on the machine's cores), each within a time limit
//! so that a player who is never woken fails the check instead of hanging
//! it. Players arrive in the reverse order of their turns; the number of
//! players and of rounds is drawn for the run.

use conditions_exercises::take_turns::Turns;
use exercise_support::{Runtime, block_on_within, count_polls, random_values};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(3);

/// 3 to 5 players, 3 to 6 rounds, drawn for the run.
fn game() -> (usize, usize) {
    let drawn = random_values(2);
    (3 + drawn[0] as usize % 3, 3 + drawn[1] as usize % 4)
}

#[test]
fn players_arriving_in_any_order_take_turns_in_a_circle() {
    let (players, rounds) = game();
    let played = block_on_within(
        Runtime::Tokio,
        async move {
            let (turns, log) = (
                Arc::new(Turns::new(players)),
                Arc::new(Mutex::new(Vec::new())),
            );
            let mut tasks = Vec::new();
            for player in (0..players).rev() {
                let (turns, log) = (turns.clone(), log.clone());
                tasks.push(tokio::spawn(async move {
                    for _ in 0..rounds {
                        turns.wait_for_turn(player).await;
                        log.lock().unwrap().push(player);
                        tokio::task::yield_now().await; // others run meanwhile
                        turns.end_turn();
                    }
                }));
            }
            for task in tasks {
                task.await.expect("no player panics");
            }
            Arc::try_unwrap(log).unwrap().into_inner().unwrap()
        },
        LIMIT,
    )
    .unwrap_or_else(|e| {
        panic!("{players} players, {rounds} rounds: {e} (is a player never woken?)")
    });
    let expected: Vec<usize> = (0..players * rounds).map(|i| i % players).collect();
    assert_eq!(
        played, expected,
        "{players} players, {rounds} rounds each: the order they played in"
    );
}

#[test]
fn a_player_whose_turn_has_already_come_goes_at_once() {
    let (players, _) = game();
    let turns = block_on_within(
        Runtime::Tokio,
        async move {
            let turns = Turns::new(players);
            // Players 0 and 1 play before anyone else has arrived.
            turns.wait_for_turn(0).await;
            turns.end_turn();
            turns.wait_for_turn(1).await;
            turns.end_turn();
            let late = count_polls(turns.wait_for_turn(2)).await;
            // And player 0, whose turn is far off, must not go now.
            let early =
                tokio::time::timeout(Duration::from_millis(100), turns.wait_for_turn(0)).await;
            (late.polls, early.is_err())
        },
        LIMIT,
    )
    .unwrap_or_else(|e| panic!("player 2 arrives after its turn came: {e}"));
    assert_eq!(
        turns.0, 1,
        "player 2 arrived on its turn: it must go without waiting"
    );
    assert!(turns.1, "player 0 went although it was player 2's turn");
}

#[test]
fn a_waiting_player_sleeps_until_its_turn_comes() {
    let (players, _) = game();
    const WAIT: Duration = Duration::from_millis(300);
    let (polls, late_by) = block_on_within(
        Runtime::Tokio,
        async move {
            let turns = Arc::new(Turns::new(players));
            let waiter = {
                let turns = turns.clone();
                tokio::spawn(async move {
                    let polled = count_polls(turns.wait_for_turn(1)).await;
                    (polled.polls, Instant::now())
                })
            };
            tokio::time::sleep(WAIT).await;
            let ended = Instant::now();
            turns.end_turn();
            let (polls, went) = waiter.await.expect("the player does not panic");
            (polls, went.saturating_duration_since(ended))
        },
        LIMIT,
    )
    .unwrap_or_else(|e| panic!("player 1 waits for player 0 to end its turn: {e}"));
    assert!(
        polls <= 3,
        "player 1 was polled {polls} times while it waited {WAIT:?}: it should sleep until woken, not look again and again"
    );
    assert!(
        late_by < Duration::from_millis(100),
        "player 1 went {late_by:?} after its turn came: it should be woken"
    );
}

/// On a runtime with two worker threads, a player can run at the very
/// moment another ends its turn. Many short games, each with a time
/// limit: an `end_turn` that wakes the players before it changes the turn
/// leaves a player asleep with its turn come, and its game never ends.
#[test]
fn many_games_on_two_threads_never_leave_a_player_asleep_on_its_turn() {
    const GAMES: usize = 60;
    const TURNS: usize = 2000;
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_time()
            .build()
            .expect("a runtime with two worker threads");
        let outcome = runtime.block_on(async {
            for game in 0..GAMES {
                let turns = Arc::new(Turns::new(2));
                let players: Vec<_> = (0..2)
                    .map(|player| {
                        let turns = turns.clone();
                        tokio::spawn(async move {
                            for _ in 0..TURNS / 2 {
                                turns.wait_for_turn(player).await;
                                turns.end_turn();
                            }
                        })
                    })
                    .collect();
                let all = async {
                    for player in players {
                        player.await.expect("no player panics");
                    }
                };
                if tokio::time::timeout(Duration::from_secs(2), all)
                    .await
                    .is_err()
                {
                    return Err(game);
                }
            }
            Ok(())
        });
        let _ = done.send(outcome);
        runtime.shutdown_background(); // a stuck player must not keep it alive
    });
    match result.recv_timeout(Duration::from_secs(60)) {
        Ok(Ok(())) => {}
        Ok(Err(game)) => panic!(
            "game {game} of {GAMES} ({TURNS} turns, 2 players, 2 worker threads) stopped: a player slept through its turn (is the turn changed before the players are woken?)"
        ),
        Err(_) => panic!("the games did not finish within 60 s"),
    }
}
