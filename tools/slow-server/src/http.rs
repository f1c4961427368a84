//! Just enough HTTP/1.1 to read a request and write an answer, within limits
//! that a client cannot talk the server out of.

use std::io;
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

/// The longest request head (request line and headers) the server reads.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// The longest request body the server reads (and throws away).
pub const MAX_BODY_BYTES: u64 = 64 * 1024;

/// The parts of a request the server looks at.
#[derive(Debug, PartialEq)]
pub struct Request {
    pub method: String,
    /// The path without the query string.
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Whether the connection stays open for another request.
    pub keep_alive: bool,
    /// The length of the body that follows the head (0 without one).
    pub content_length: u64,
}

impl Request {
    /// The first value given for `key` in the query string.
    pub fn query(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A request the server will not serve: the status to answer and a message
/// that says why. The connection is closed after the answer.
#[derive(Debug, PartialEq)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
}

impl Refusal {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        Refusal {
            status,
            message: message.into(),
        }
    }
}

/// How reading a request head ended.
#[derive(Debug, PartialEq)]
pub enum Head {
    /// The head is in the buffer, up to and including its blank line.
    Complete,
    /// The client closed the connection before sending a byte of it.
    Closed,
    /// The client closed the connection in the middle of it.
    EndedEarly,
    /// More than [`MAX_HEAD_BYTES`] came without the blank line that ends it.
    TooLarge,
}

/// Reads one request head into `head`, and not a byte more: what follows (a
/// body, the next request) stays in `reader`. Never holds more than
/// [`MAX_HEAD_BYTES`] plus one buffer of `reader`, whatever the client sends.
///
/// Cancel-safe: everything taken from `reader` is already in `head`.
pub async fn read_head(
    reader: &mut (impl AsyncBufRead + Unpin),
    head: &mut Vec<u8>,
) -> io::Result<Head> {
    loop {
        let available = reader.fill_buf().await?;
        if available.is_empty() {
            return Ok(if head.is_empty() {
                Head::Closed
            } else {
                Head::EndedEarly
            });
        }
        let (used, complete) = take_head_bytes(available, head);
        reader.consume(used);
        if head.len() > MAX_HEAD_BYTES {
            return Ok(Head::TooLarge);
        }
        if complete {
            return Ok(Head::Complete);
        }
    }
}

/// Moves bytes from `available` to `head` up to the blank line that ends the
/// head; returns how many it took and whether the head is complete.
fn take_head_bytes(available: &[u8], head: &mut Vec<u8>) -> (usize, bool) {
    let mut used = 0;
    if head.is_empty() {
        // Empty lines before a request line are allowed (RFC 9112, 2.2).
        used = available
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
    }
    while let Some(at) = available[used..].iter().position(|&b| b == b'\n') {
        head.extend_from_slice(&available[used..used + at + 1]);
        used += at + 1;
        if head.ends_with(b"\n\n") || head.ends_with(b"\n\r\n") {
            return (used, true);
        }
        if head.len() > MAX_HEAD_BYTES {
            return (used, false);
        }
    }
    head.extend_from_slice(&available[used..]);
    (available.len(), false)
}

/// Reads and throws away `length` bytes of body; `false` if the client
/// closed the connection first.
pub async fn skip_body(reader: &mut (impl AsyncBufRead + Unpin), length: u64) -> io::Result<bool> {
    let mut left = length;
    while left > 0 {
        let available = reader.fill_buf().await?.len();
        if available == 0 {
            return Ok(false);
        }
        let used = available.min(usize::try_from(left).unwrap_or(usize::MAX));
        reader.consume(used);
        left -= used as u64;
    }
    Ok(true)
}

/// Parses a request line and headers.
pub fn parse_head(head: &[u8]) -> Result<Request, Refusal> {
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let first = lines.next().unwrap_or("");
    let mut parts = first.split_whitespace();
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::new(
            400,
            "the request line must be `METHOD PATH HTTP/1.1`",
        ));
    };
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(Refusal::new(400, "only HTTP/1.0 and HTTP/1.1 are served"));
    }
    let mut keep_alive = version == "HTTP/1.1";
    let mut content_length = None;
    for line in lines.take_while(|line| !line.is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            return Err(Refusal::new(
                400,
                format!("a header line must be `Name: value`, not `{line}`"),
            ));
        };
        let (name, value) = (name.trim(), value.trim());
        if name.eq_ignore_ascii_case("connection") {
            for option in value.split(',').map(str::trim) {
                if option.eq_ignore_ascii_case("close") {
                    keep_alive = false;
                } else if option.eq_ignore_ascii_case("keep-alive") {
                    keep_alive = true;
                }
            }
        } else if name.eq_ignore_ascii_case("content-length") {
            let length = value
                .parse::<u64>()
                .ok()
                .filter(|_| value.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| {
                    Refusal::new(
                        400,
                        format!("Content-Length must be a whole number, not `{value}`"),
                    )
                })?;
            if content_length.is_some_and(|earlier| earlier != length) {
                return Err(Refusal::new(400, "two different Content-Length headers"));
            }
            content_length = Some(length);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(Refusal::new(
                501,
                "request bodies with a Transfer-Encoding (such as chunked) are not read; \
                 send the body with a Content-Length",
            ));
        }
    }
    let content_length = content_length.unwrap_or(0);
    if content_length > MAX_BODY_BYTES {
        return Err(Refusal::new(
            413,
            format!("a request body may have {MAX_BODY_BYTES} bytes at most, not {content_length}"),
        ));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    Ok(Request {
        method: method.to_string(),
        path: path.to_string(),
        query,
        keep_alive,
        content_length,
    })
}

/// A whole answer, head and body.
pub fn response(status: u16, content_type: &str, body: &str, keep_alive: bool) -> String {
    format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: {}\r\n\r\n{body}",
        reason(status),
        body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    )
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(head: &str) -> Result<Request, Refusal> {
        parse_head(head.as_bytes())
    }

    #[test]
    fn parses_path_query_and_connection() {
        let r = parse("GET /detail/3?delay_ms=20&fail=close HTTP/1.1\r\nConnection: close\r\n\r\n")
            .unwrap();
        assert_eq!(r.path, "/detail/3");
        assert_eq!(r.query("delay_ms"), Some("20"));
        assert_eq!(r.query("fail"), Some("close"));
        assert!(!r.keep_alive);
        assert!(parse("GET / HTTP/1.1\r\n\r\n").unwrap().keep_alive);
        assert!(!parse("GET / HTTP/1.0\r\n\r\n").unwrap().keep_alive);
        assert!(
            parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
                .unwrap()
                .keep_alive
        );
    }

    #[test]
    fn refuses_what_is_not_http_1() {
        assert_eq!(parse("hello\r\n\r\n").unwrap_err().status, 400);
        assert_eq!(parse("GET / HTTP/2\r\n\r\n").unwrap_err().status, 400);
        assert_eq!(
            parse("GET / HTTP/1.1\r\nno colon\r\n\r\n")
                .unwrap_err()
                .status,
            400
        );
    }

    #[test]
    fn bodies_are_measured_or_refused() {
        let length = |h: &str| parse(&format!("POST / HTTP/1.1\r\n{h}\r\n\r\n"));
        assert_eq!(length("Content-Length: 12").unwrap().content_length, 12);
        assert_eq!(length("Content-Length: ten").unwrap_err().status, 400);
        assert_eq!(length("Content-Length: +5").unwrap_err().status, 400);
        assert_eq!(
            length("Content-Length: 1\r\nContent-Length: 2")
                .unwrap_err()
                .status,
            400
        );
        assert_eq!(length("Content-Length: 65537").unwrap_err().status, 413);
        let chunked = length("Transfer-Encoding: chunked").unwrap_err();
        assert_eq!(chunked.status, 501);
        assert!(chunked.message.contains("Content-Length"));
    }

    /// Feeds `input` to `read_head` in pieces of `piece` bytes.
    fn read_in_pieces(input: &[u8], piece: usize) -> (Head, Vec<u8>, Vec<u8>) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let mut reader = tokio::io::BufReader::with_capacity(piece, input);
            let mut head = Vec::new();
            let outcome = read_head(&mut reader, &mut head).await.unwrap();
            let rest = reader.buffer().to_vec();
            (outcome, head, rest)
        })
    }

    #[test]
    fn a_head_ends_at_its_blank_line_whatever_the_pieces() {
        let input = b"\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\nBODY";
        for piece in [1, 2, 3, 7, 1024] {
            let (outcome, head, rest) = read_in_pieces(input, piece);
            assert_eq!(outcome, Head::Complete, "pieces of {piece}");
            assert_eq!(
                head, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                "pieces of {piece}"
            );
            assert!(b"BODY".starts_with(&rest), "pieces of {piece}: {rest:?}");
        }
        assert_eq!(read_in_pieces(b"", 16).0, Head::Closed);
        assert_eq!(read_in_pieces(b"GET / HT", 16).0, Head::EndedEarly);
    }

    #[test]
    fn a_head_without_an_end_stops_at_the_limit() {
        let endless_line = vec![b'a'; 4 * MAX_HEAD_BYTES];
        let (outcome, head, _) = read_in_pieces(&endless_line, 1024);
        assert_eq!(outcome, Head::TooLarge);
        assert!(head.len() <= MAX_HEAD_BYTES + 1024, "{}", head.len());
        let many_lines = "X: y\r\n".repeat(MAX_HEAD_BYTES);
        assert_eq!(
            read_in_pieces(many_lines.as_bytes(), 1024).0,
            Head::TooLarge
        );
    }

    #[test]
    fn answers_carry_their_length() {
        let r = response(200, "text/plain", "hi", true);
        assert!(r.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(r.contains("Content-Length: 2\r\n"));
        assert!(r.ends_with("\r\n\r\nhi"));
    }
}
