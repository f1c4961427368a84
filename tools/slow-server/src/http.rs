//! Just enough HTTP/1.1 to read a request head and write an answer.

use std::io;
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

/// The parts of a request the server looks at.
#[derive(Debug, PartialEq)]
pub struct Request {
    pub method: String,
    /// The path without the query string.
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Whether the connection stays open for another request.
    pub keep_alive: bool,
}

impl Request {
    pub fn query(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// `?delay_ms=N` overrides the server's delay for this request.
    pub fn delay_ms(&self) -> Option<u64> {
        self.query("delay_ms")?.parse().ok()
    }
}

const MAX_HEAD: usize = 16 * 1024;

/// Reads one request head; `Ok(None)` when the client closed the connection.
pub async fn read_request(reader: &mut (impl AsyncBufRead + Unpin)) -> io::Result<Option<Request>> {
    let mut head = String::new();
    loop {
        let before = head.len();
        let n = reader.read_line(&mut head).await?;
        if n == 0 {
            return if head.is_empty() {
                Ok(None)
            } else {
                Err(invalid("the request ended early"))
            };
        }
        if head.len() > MAX_HEAD {
            return Err(invalid("the request head is too long"));
        }
        if &head[before..] == "\r\n" || &head[before..] == "\n" {
            return parse_head(&head).map(Some);
        }
    }
}

/// Parses a request line and headers.
pub fn parse_head(head: &str) -> io::Result<Request> {
    let mut lines = head.lines();
    let first = lines.next().unwrap_or("");
    let mut parts = first.split_whitespace();
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid("the request line must be `METHOD PATH HTTP/1.1`"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(invalid("only HTTP/1.0 and HTTP/1.1 are served"));
    }
    let mut keep_alive = version == "HTTP/1.1";
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("connection") {
                let value = value.trim().to_ascii_lowercase();
                keep_alive = value == "keep-alive" || (keep_alive && value != "close");
            }
        }
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
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_path_query_and_connection() {
        let r = parse_head(
            "GET /detail/3?delay_ms=20&fail=close HTTP/1.1\r\nConnection: close\r\n\r\n",
        )
        .unwrap();
        assert_eq!(r.path, "/detail/3");
        assert_eq!(r.delay_ms(), Some(20));
        assert_eq!(r.query("fail"), Some("close"));
        assert!(!r.keep_alive);
        assert!(parse_head("GET / HTTP/1.1\r\n\r\n").unwrap().keep_alive);
        assert!(!parse_head("GET / HTTP/1.0\r\n\r\n").unwrap().keep_alive);
    }

    #[test]
    fn refuses_what_is_not_http_1() {
        assert!(parse_head("hello\r\n\r\n").is_err());
        assert!(parse_head("GET / HTTP/2\r\n\r\n").is_err());
    }

    #[test]
    fn answers_carry_their_length() {
        let r = response(200, "text/plain", "hi", true);
        assert!(r.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(r.contains("Content-Length: 2\r\n"));
        assert!(r.ends_with("\r\n\r\nhi"));
    }
}
