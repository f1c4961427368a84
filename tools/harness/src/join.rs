//! What to do with a tokio `JoinError`, written once for every chapter.

// ANCHOR: unless_cancelled
/// The result of a tokio task that may have been cancelled: `None` if it was
/// (by `abort()`, or because its runtime shut down), its value if it
/// finished. If the task panicked, the panic goes on here, with the task's
/// own message: a panic is a bug to see, not a cancellation to tolerate.
pub fn unless_cancelled<T>(joined: Result<T, tokio::task::JoinError>) -> Option<T> {
    match joined {
        Ok(value) => Some(value),
        Err(e) if e.is_cancelled() => None,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}
// ANCHOR_END: unless_cancelled

/// The words of a caught panic: its message, whether it was given as a
/// `&str` (`panic!("literal")`) or a `String` (`panic!("{x}")`).
pub fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn a_finished_task_gives_its_value_and_an_aborted_one_none() {
        runtime().block_on(async {
            assert_eq!(unless_cancelled(tokio::spawn(async { 7 }).await), Some(7));
            let sleeper = tokio::spawn(tokio::time::sleep(std::time::Duration::from_secs(60)));
            sleeper.abort();
            assert_eq!(unless_cancelled(sleeper.await), None);
        });
    }

    #[test]
    fn a_panic_is_resumed_with_its_own_message() {
        let caught = std::panic::catch_unwind(|| {
            runtime().block_on(async {
                unless_cancelled(tokio::spawn(async { panic!("the job's own words") }).await)
            })
        });
        let payload = caught.expect_err("the panic must go on");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"the job's own words"));
    }
}
