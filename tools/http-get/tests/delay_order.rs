//! The asyncio tutorials' raw-socket client (`asyncio.open_connection`,
//! ten requests at once, each result as it comes): the same with the
//! hand-written GET on smol. Ten pages that wait 200 to 560 ms, started in
//! a scrambled order, come back in the order of their delays, all within
//! about the slowest one's time.

use futures::stream::{FuturesUnordered, StreamExt};
use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

// ANCHOR: ten_gets
/// Ten GETs at once over smol's `TcpStream`, page `i` waiting 200 + 40 i
/// ms; returns the pages' numbers in the order they came back, and the
/// time it took.
async fn ten_gets(addr: SocketAddr) -> io::Result<(Vec<u64>, Duration)> {
    let started = Instant::now();
    let mut in_flight: FuturesUnordered<_> = [3, 7, 0, 9, 5, 1, 8, 2, 6, 4]
        .into_iter()
        .map(|i| async move {
            let stream = smol::net::TcpStream::connect(addr).await?;
            let path = format!("/detail/{i}?delay_ms={}", 200 + 40 * i);
            let page = http_get::get(stream, &addr.to_string(), &path).await?;
            Ok::<_, io::Error>((i, page.error_for_status()?))
        })
        .collect();
    let mut order = Vec::new();
    // Like asyncio.as_completed: each result as soon as it is in.
    while let Some(result) = in_flight.next().await {
        let (i, page) = result?;
        assert_eq!(page.title(), Some(format!("Detail {i}").as_str()));
        order.push(i);
    }
    Ok((order, started.elapsed()))
}
// ANCHOR_END: ten_gets

#[test]
fn ten_gets_come_back_in_delay_order_within_the_slowest_ones_time() {
    let server = slow_server::start(slow_server::Config::with_delay(Duration::ZERO)).unwrap();
    let (order, took) = smol::block_on(ten_gets(server.addr)).unwrap();
    assert_eq!(
        order,
        (0..10).collect::<Vec<_>>(),
        "the pages should come back in the order of their delays (40 ms apart)"
    );
    let slowest = Duration::from_millis(200 + 40 * 9);
    let all_delays: Duration = (0..10).map(|i| Duration::from_millis(200 + 40 * i)).sum();
    assert!(
        took >= slowest && took < slowest * 2 && took < all_delays / 3,
        "ten GETs at once took {took:?}: expected about the slowest delay, {slowest:?}, \
         far below the {all_delays:?} of one after another"
    );
}
