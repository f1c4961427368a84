"""The Python servers of benches/c10k.rs: the same slow server, in CPython.

Listens on 127.0.0.1 (a free port, printed as the first line), reads each
request up to the end of its head, waits DELAY_MS, answers with a tiny
HTTP page and closes the connection; until it is killed. Two ways:

  threads  one threading.Thread per connection (Python's default stack)
  asyncio  one asyncio task per connection (asyncio.start_server)

    python3 benches/c10k.py threads 1000
    python3 benches/c10k.py asyncio 1000

The Rust benchmark starts it, runs its client against it and reads the
process's peak memory, as for its own servers.
"""

import asyncio
import socket
import sys
import threading
import time

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"


def listener():
    # The same accept queue as the Rust servers' (4096), not the default.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(4096)
    host, port = sock.getsockname()
    print(f"{host}:{port}", flush=True)
    return sock


# ANCHOR: threads
def handle(conn, delay):
    with conn:
        request = b""
        while not request.endswith(b"\r\n\r\n"):
            chunk = conn.recv(512)
            if not chunk:
                return
            request += chunk
        time.sleep(delay)  # the thread waits; sleeping releases the GIL
        conn.sendall(ANSWER)


def thread_per_connection(sock, delay):
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=handle, args=(conn, delay), daemon=True).start()
# ANCHOR_END: threads


# ANCHOR: asyncio
async def asyncio_server(sock, delay):
    async def serve(reader, writer):
        try:
            await reader.readuntil(b"\r\n\r\n")
            await asyncio.sleep(delay)  # the task is parked, not a thread
            writer.write(ANSWER)
            await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(serve, sock=sock, backlog=4096)
    async with server:
        await server.serve_forever()
# ANCHOR_END: asyncio


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("threads", "asyncio"):
        sys.exit("usage: python3 benches/c10k.py threads|asyncio DELAY_MS")
    try:
        delay = int(sys.argv[2]) / 1000
    except ValueError:
        sys.exit(f"DELAY_MS is a number of milliseconds, not `{sys.argv[2]}`")
    sock = listener()
    if sys.argv[1] == "threads":
        thread_per_connection(sock, delay)
    else:
        asyncio.run(asyncio_server(sock, delay))


if __name__ == "__main__":
    main()
