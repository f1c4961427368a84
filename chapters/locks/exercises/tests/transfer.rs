//! Checks for `transfer`. Two accounts (ids and balances drawn for the
//! run) and 60 transfers each way, every one a task, on tokio's
//! current-thread runtime (so the checks do not depend on the machine's
//! cores). Beside them, an auditor locks both accounts (the lower id
//! first, yielding between the two locks), checks the total, holds them a
//! millisecond, lets go, and starts again. The auditor's holding is what
//! makes transfers wait in between their two locks: transfers that lock in
//! another order than the ids' then deadlock, which the check finds with a
//! timeout. Each check runs twice, the second time with the ids swapped
//! between the accounts, so that no other order (the accounts' addresses,
//! say) agrees with the ids' both times.

use exercise_support::{Runtime, block_on_within, random_values};
use locks_exercises::transfer::{Account, transfer};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const EACH_WAY: usize = 60;

struct Run {
    total: i64,
    /// Totals the auditor saw that were not `total`.
    bad_totals: Vec<i64>,
    end: (i64, i64),
    expected_end: (i64, i64),
}

fn run(swap_ids: bool) -> Result<Run, String> {
    let mut drawn = random_values(4 + 2 * EACH_WAY);
    if swap_ids {
        drawn.swap(0, 1);
    }
    let (a, b) = (
        Arc::new(Account {
            id: drawn[0],
            balance: tokio::sync::Mutex::new(i64::from(drawn[2]) * 100),
        }),
        Arc::new(Account {
            id: drawn[1],
            balance: tokio::sync::Mutex::new(i64::from(drawn[3]) * 100),
        }),
    );
    let amounts: Vec<i64> = drawn[4..].iter().map(|&v| i64::from(v)).collect();
    let (a_to_b, b_to_a) = amounts.split_at(EACH_WAY);
    let total = i64::from(drawn[2] + drawn[3]) * 100;
    let moved: i64 = b_to_a.iter().sum::<i64>() - a_to_b.iter().sum::<i64>();
    let expected_end = (
        i64::from(drawn[2]) * 100 + moved,
        i64::from(drawn[3]) * 100 - moved,
    );

    let (a2, b2, a_to_b, b_to_a) = (a.clone(), b.clone(), a_to_b.to_vec(), b_to_a.to_vec());
    let bad_totals = block_on_within(
        Runtime::Tokio,
        async move {
            let done = Arc::new(AtomicBool::new(false));
            let auditor = tokio::spawn({
                let (a, b, done) = (a2.clone(), b2.clone(), done.clone());
                async move {
                    let (low, high) = if a.id < b.id { (a, b) } else { (b, a) };
                    let mut bad = Vec::new();
                    while !done.load(Ordering::SeqCst) {
                        let low_balance = low.balance.lock().await;
                        // Others run between the auditor's two locks, as
                        // they would between any other locker's.
                        tokio::task::yield_now().await;
                        let high_balance = high.balance.lock().await;
                        if *low_balance + *high_balance != total {
                            bad.push(*low_balance + *high_balance);
                        }
                        tokio::time::sleep(Duration::from_millis(1)).await;
                        drop((low_balance, high_balance));
                        tokio::task::yield_now().await;
                    }
                    bad
                }
            });
            let mut transfers = Vec::new();
            for (there, back) in a_to_b.into_iter().zip(b_to_a) {
                let (a, b) = (a2.clone(), b2.clone());
                transfers.push(tokio::spawn(async move { transfer(&a, &b, there).await }));
                let (a, b) = (a2.clone(), b2.clone());
                transfers.push(tokio::spawn(async move { transfer(&b, &a, back).await }));
            }
            for t in transfers {
                t.await
                    .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
            }
            done.store(true, Ordering::SeqCst);
            auditor.await.unwrap()
        },
        Duration::from_secs(5),
    )?;
    let end = (
        *a.balance
            .try_lock()
            .expect("a lock still held after the run"),
        *b.balance
            .try_lock()
            .expect("a lock still held after the run"),
    );
    Ok(Run {
        total,
        bad_totals,
        end,
        expected_end,
    })
}

/// The run with the ids as drawn, then with them swapped.
fn runs_or_deadlock() -> [Run; 2] {
    [false, true].map(|swap_ids| {
        run(swap_ids).unwrap_or_else(|e| {
            panic!(
                "the transfers did not all finish ({e}): a deadlock. A transfer from a to b that holds a and waits for b, and one from b to a that holds b and waits for a, wait for each other forever (so does one that holds b and waits for a while the auditor, who goes by the ids, holds a). Take the two locks in the same order in every transfer, the lower id first. (Or a livelock: transfers that let go and retry can keep each other from ever finishing.)"
            )
        })
    })
}

#[test]
fn transfers_both_ways_at_once_all_finish() {
    for run in runs_or_deadlock() {
        assert_eq!(
            run.end, run.expected_end,
            "the balances (a, b) after {EACH_WAY} transfers each way (amounts drawn for the run): money moved the wrong way? The `-=` goes to `from`'s guard and the `+=` to `to`'s, whichever was locked first"
        );
    }
}

#[test]
fn nobody_ever_sees_a_transfer_half_done() {
    for run in runs_or_deadlock() {
        assert!(
            run.bad_totals.is_empty(),
            "the auditor, holding both locks, saw totals of {:?} instead of {}: money that had left one account and not reached the other. Hold both locks from before the subtraction until after the addition",
            run.bad_totals,
            run.total
        );
    }
}

#[test]
fn a_transfer_to_the_same_account_changes_nothing() {
    let account = Arc::new(Account {
        id: 7,
        balance: tokio::sync::Mutex::new(500),
    });
    let same = account.clone();
    let outcome = block_on_within(
        Runtime::Tokio,
        async move { transfer(&same, &same, 100).await },
        Duration::from_secs(1),
    );
    if let Err(e) = outcome {
        panic!(
            "transfer(a, a, 100) did not return ({e}): it locked the account's one lock twice, and waits for itself. Return early when from and to are the same account"
        );
    }
    assert_eq!(
        *account.balance.try_lock().unwrap(),
        500,
        "a transfer to the same account changes nothing"
    );
}
