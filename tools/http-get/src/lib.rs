//! A small hand-written HTTP/1.1 GET: send a request line and a `Host`
//! header with `Connection: close`, read until the server closes, split the
//! head from the body, and check that the whole body came (its
//! `Content-Length`).
//!
//! Two versions of the same steps: [`blocking_get`] on a `std::net::TcpStream`
//! (each call holds its thread until the answer is in), and [`get`] on any
//! async stream that implements the `futures` I/O traits, such as
//! `smol::net::TcpStream` or `async_std::net::TcpStream`; [`tokio_io::Compat`]
//! lets [`get`] run over tokio's streams too (the request benchmark compares
//! the same client on all three runtimes).
//!
//! Like reqwest, a GET that got an answer succeeds whatever its status;
//! [`Page::error_for_status`] turns a status that is not 2xx into an error.

pub mod tokio_io;

use futures::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};

/// An answer: its status code and its body.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub status: u16,
    pub body: String,
}

// ANCHOR: page
impl Page {
    /// The text of the page's `<title>`, if it has one.
    pub fn title(&self) -> Option<&str> {
        title(&self.body)
    }

    /// The page if its status is a success (2xx), otherwise a [`StatusError`]
    /// inside an `io::Error`: what reqwest's `error_for_status` does.
    pub fn error_for_status(self) -> io::Result<Page> {
        if (200..300).contains(&self.status) {
            Ok(self)
        } else {
            Err(io::Error::other(StatusError {
                status: self.status,
            }))
        }
    }
}

/// The server answered, with a status that is not a success.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusError {
    pub status: u16,
}

impl std::fmt::Display for StatusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the server answered with HTTP status {}", self.status)
    }
}

impl std::error::Error for StatusError {}
// ANCHOR_END: page

/// The text of the `<title>` in an HTML document, if it has one.
pub fn title(html: &str) -> Option<&str> {
    let start = html.find("<title>")? + "<title>".len();
    let len = html[start..].find("</title>")?;
    Some(&html[start..start + len])
}

/// Room for a whole small answer, so that it is read in one call instead of
/// a buffer growing from 32 bytes, a read each time.
const ANSWER_CAPACITY: usize = 1024;

// ANCHOR: request
fn request(host: &str, path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
}
// ANCHOR_END: request

// ANCHOR: blocking_get
/// GET `path` from `addr`, blocking the calling thread until the answer is in.
pub fn blocking_get(addr: SocketAddr, path: &str) -> io::Result<Page> {
    let mut stream = TcpStream::connect(addr)?;
    stream.write_all(request(&addr.to_string(), path).as_bytes())?;
    let mut answer = Vec::with_capacity(ANSWER_CAPACITY);
    stream.read_to_end(&mut answer)?; // the server closes after its answer
    parse(&answer) // status and body; an error if the body is cut short
}
// ANCHOR_END: blocking_get

// ANCHOR: get
/// GET `path` over a connected async stream; `host` goes in the `Host` header.
pub async fn get<S>(mut stream: S, host: &str, path: &str) -> io::Result<Page>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    stream.write_all(request(host, path).as_bytes()).await?;
    stream.flush().await?; // a buffered stream may hold the request back
    let mut answer = Vec::with_capacity(ANSWER_CAPACITY);
    stream.read_to_end(&mut answer).await?; // each .await lets other tasks run
    parse(&answer) // status and body; an error if the body is cut short
}
// ANCHOR_END: get

// ANCHOR: parse
/// Splits a whole HTTP/1.1 answer (everything the server sent before it
/// closed) into its status and body. A body shorter than its
/// `Content-Length` means that the connection closed in the middle of it:
/// an error, not a short page. A body sent in chunks (`Transfer-Encoding`)
/// is an error too: this client does not decode chunks.
pub fn parse(answer: &[u8]) -> io::Result<Page> {
    let end_of_head = answer
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .ok_or_else(|| invalid("the answer has no end of head (the server closed early?)"))?;
    let head = String::from_utf8_lossy(&answer[..end_of_head]);
    let body = &answer[end_of_head + 4..];
    let status = head
        .lines()
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| invalid("the answer has no status line"))?;
    if let Some(coding) = header(&head, "transfer-encoding") {
        // It overrides Content-Length: the body is framed by the coding.
        return Err(invalid(&format!(
            "the body is sent with Transfer-Encoding: {coding}, which this client does not decode"
        )));
    }
    let body = match content_length(&head)? {
        Some(length) if body.len() < length => {
            return Err(invalid(&format!(
                "connection closed after {} of {length} bytes of the body",
                body.len()
            )));
        }
        Some(length) => &body[..length], // anything after it is not this answer's
        None => body,                    // the body ends where the connection closed
    };
    Ok(Page {
        status,
        body: String::from_utf8_lossy(body).into_owned(),
    })
}

/// The value of the first header called `name` (in any case), if any.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// The value of the `Content-Length` header, if the head has one.
fn content_length(head: &str) -> io::Result<Option<usize>> {
    header(head, "content-length")
        .map(|value| {
            value
                .parse()
                .map_err(|_| invalid(&format!("Content-Length is not a number: `{value}`")))
        })
        .transpose()
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}
// ANCHOR_END: parse

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn parses_status_body_and_title() {
        let page =
            parse(b"HTTP/1.1 200 OK\r\nContent-Length: 23\r\n\r\n<title>Detail 3</title>").unwrap();
        assert_eq!(page.status, 200);
        assert_eq!(page.title(), Some("Detail 3"));
        assert!(parse(b"").is_err());
        assert!(parse(b"garbage\r\n\r\n").is_err());
    }

    #[test]
    fn the_body_is_as_long_as_its_content_length_says() {
        let page = parse(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok and more").unwrap();
        assert_eq!(page.body, "ok");
        let page = parse(b"HTTP/1.1 200 OK\r\n\r\nto the close").unwrap();
        assert_eq!(page.body, "to the close");
        let err = parse(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            err.to_string(),
            "connection closed after 5 of 9 bytes of the body"
        );
        let err = parse(b"HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n").unwrap_err();
        assert!(err.to_string().contains("many"), "{err}");
    }

    #[test]
    fn a_chunked_body_is_an_error_not_a_page_with_chunk_sizes_in_it() {
        let chunked = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n";
        let err = parse(chunked).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(err.to_string().contains("chunked"), "{err}");
    }

    /// A server that answers each of `connections` requests with a head
    /// promising 100 bytes, then 10 bytes, then closes.
    fn server_that_closes_mid_body(connections: usize) -> SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().take(connections).map_while(Result::ok) {
                // Read the whole request first: closing a socket with unread
                // data in it resets the connection instead of closing it.
                let mut request = Vec::new();
                let mut buf = [0; 1024];
                while !request.ends_with(b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let _ =
                    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
            } // each stream is dropped here: the connection closes
        });
        addr
    }

    #[test]
    fn a_connection_closed_in_the_middle_of_the_body_is_an_error() {
        let addr = server_that_closes_mid_body(2);
        let blocking = blocking_get(addr, "/").unwrap_err();
        let not_blocking = smol::block_on(async {
            let stream = smol::net::TcpStream::connect(addr).await?;
            get(stream, &addr.to_string(), "/").await
        })
        .unwrap_err();
        for err in [blocking, not_blocking] {
            assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
            assert_eq!(
                err.to_string(),
                "connection closed after 10 of 100 bytes of the body"
            );
        }
    }

    #[test]
    fn both_versions_fetch_from_the_slow_server() {
        let server =
            slow_server::start(slow_server::Config::with_delay(Duration::from_millis(20))).unwrap();
        let page = blocking_get(server.addr, "/detail/7").unwrap();
        assert_eq!((page.status, page.title()), (200, Some("Detail 7")));
        let page = smol::block_on(async {
            let stream = smol::net::TcpStream::connect(server.addr).await?;
            get(stream, &server.addr.to_string(), "/status/503").await
        })
        .unwrap();
        assert_eq!(page.status, 503);
    }

    #[test]
    fn a_status_that_is_not_a_success_is_an_error_only_when_asked() {
        let ok = Page {
            status: 204,
            body: String::new(),
        };
        assert_eq!(ok.clone().error_for_status().unwrap(), ok);
        let err = Page {
            status: 500,
            body: "injected failure".into(),
        }
        .error_for_status()
        .unwrap_err();
        assert_eq!(err.to_string(), "the server answered with HTTP status 500");
        let status = err.get_ref().and_then(|e| e.downcast_ref::<StatusError>());
        assert_eq!(status, Some(&StatusError { status: 500 }));
    }

    #[test]
    fn a_closed_connection_is_an_error() {
        let server = slow_server::start(slow_server::Config::with_delay(Duration::ZERO)).unwrap();
        let err = blocking_get(server.addr, "/hello?fail=close").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }
}
