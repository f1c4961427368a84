//! Runs [`get`](crate::get) over a tokio stream.
//!
//! tokio has I/O traits of its own (`tokio::io::AsyncRead`, with a `ReadBuf`);
//! smol and async-std use the `futures` ones. [`Compat`] wraps a tokio
//! stream so that it implements the `futures` traits, as
//! `tokio_util::compat` does, so that the very same client runs on all
//! three runtimes.

use futures::io::{AsyncRead, AsyncWrite};
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

// ANCHOR: compat
/// A tokio stream seen through the `futures` I/O traits.
pub struct Compat<S>(pub S);

impl<S: tokio::io::AsyncRead + Unpin> AsyncRead for Compat<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        let mut buf = tokio::io::ReadBuf::new(buf);
        ready!(Pin::new(&mut self.0).poll_read(cx, &mut buf))?;
        Poll::Ready(Ok(buf.filled().len()))
    }
}

impl<S: tokio::io::AsyncWrite + Unpin> AsyncWrite for Compat<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}
// ANCHOR_END: compat

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_same_get_runs_over_a_tokio_stream() {
        let server =
            slow_server::start(slow_server::Config::with_delay(Duration::from_millis(20))).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let page = runtime
            .block_on(async {
                let stream = tokio::net::TcpStream::connect(server.addr).await?;
                crate::get(Compat(stream), &server.addr.to_string(), "/detail/4").await
            })
            .unwrap();
        assert_eq!((page.status, page.title()), (200, Some("Detail 4")));
    }
}
