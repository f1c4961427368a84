//! Every request in flight holds a socket, and a socket is an open file: in
//! the book's examples two of them per request, because the slow server
//! runs in the same process as its clients. Linux starts most shells with a
//! soft limit of 1024 open files per process, so about 500 requests at once
//! would fail with "Too many open files".
//!
//! Before a run, [`ensure`] raises the soft limit up to the hard limit if it
//! must, as servers and Go programs do at start-up, and fails with a message
//! that says what to do when even the hard limit is too low.

/// Files a run with `concurrent` requests in flight needs: a client socket
/// and a server socket each, and some to spare for the runtimes' own (epoll,
/// wake-up pipes, standard streams).
pub fn needed_for(concurrent: u64) -> u64 {
    2 * concurrent + 64
}

/// Makes sure this process may open `needed` files at once; `why` says what
/// needs them, for the message.
#[cfg(unix)]
pub fn ensure(needed: u64, why: &str) -> Result<(), String> {
    let (soft, hard) = limits().map_err(|e| format!("could not read the open-file limit: {e}"))?;
    if soft >= needed {
        return Ok(());
    }
    if hard >= needed && raise_soft_limit(needed, hard).is_ok() {
        eprintln!(
            "note: {why} need about {needed} open files; raised this process's limit from {soft} to {needed}"
        );
        return Ok(());
    }
    let suggested = needed.next_power_of_two().max(4096);
    Err(format!(
        "{why} need about {needed} open files (a socket each on the client and on the \
         in-process server), but this process may open only {soft} (hard limit {hard}). \
         Raise the limit in the shell that runs the example, for example `ulimit -n {suggested}` \
         (above the hard limit, `ulimit -Hn`, that needs root), or ask for fewer requests"
    ))
}

/// Off Unix there is no such limit to check here.
#[cfg(not(unix))]
pub fn ensure(_needed: u64, _why: &str) -> Result<(), String> {
    Ok(())
}

/// The soft and hard limits on open files (`ulimit -Sn`, `ulimit -Hn`).
#[cfg(unix)]
pub fn limits() -> std::io::Result<(u64, u64)> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct we pass and keeps no pointer.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    #[allow(clippy::unnecessary_cast)] // rlim_t is u64 on most targets, not on all
    Ok((limit.rlim_cur as u64, limit.rlim_max as u64))
}

#[cfg(unix)]
fn raise_soft_limit(to: u64, hard: u64) -> std::io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: to as libc::rlim_t,
        rlim_max: hard as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct we pass and keeps no pointer.
    if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}
