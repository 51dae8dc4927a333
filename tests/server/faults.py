#!/usr/bin/env python3
"""A stand-in that answers deliberately broken HTTP, on raw sockets (no http.server: most of these
answers are what a well-behaved server library refuses to write). The bindings' fault-injection
tests point a client's base URL at ``http://127.0.0.1:<port>/<fault>`` and send any operation;
the first path segment picks the fault:

    /endless/...        200, chunked, a body that never ends (1 MiB chunks until the client hangs up)
    /huge-length/...    200, Content-Length: 10 GB, then a trickle of bytes
    /short/...          200, Content-Length: 1000, 10 bytes, then the connection closes
    /reset/...          200 headers and half a body, then an abrupt reset (SO_LINGER 0)
    /huge-headers/...   200 with 256 KiB of header lines
    /redirect/...       302 Found, Location: https://elsewhere.invalid/x
    /retry-after/N/...  503 with Retry-After: N (seconds), every time
    /slow/N/...         waits N milliseconds, then 200 {"state": "CREATED"}
    /ok/...             200 {"state": "CREATED"}

Every answer carries CORS headers (the browser tests call it from another port); OPTIONS is
answered 204. Only 127.0.0.1 is bound.

    python3 tests/server/faults.py --port-file target/faults.port
"""

import argparse
import os
import socket
import struct
import threading
import time

CORS = (
    b"Access-Control-Allow-Origin: *\r\n"
    b"Access-Control-Allow-Headers: *\r\n"
    b"Access-Control-Allow-Methods: GET, POST, PUT, DELETE, OPTIONS\r\n"
    b"Access-Control-Expose-Headers: *\r\n"
)
OK_BODY = b'{"state": "CREATED"}'


def read_request(conn: socket.socket) -> bytes:
    """Reads the request head and body (by Content-Length); returns the request line's path."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return b""
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or b"0")
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    request_line = head.split(b"\r\n", 1)[0]
    parts = request_line.split(b" ")
    method = parts[0] if parts else b""
    path = parts[1] if len(parts) > 1 else b"/"
    return method + b" " + path


def answer(conn: socket.socket, status: bytes, headers: bytes, body: bytes) -> None:
    # Every connection is closed after its answer: say so, or a client may reuse it meanwhile.
    conn.sendall(b"HTTP/1.1 " + status + b"\r\n" + CORS + headers + b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body)


def serve(conn: socket.socket) -> None:
    try:
        conn.settimeout(30)
        line = read_request(conn)
        if not line:
            return
        method, _, path = line.partition(b" ")
        if method == b"OPTIONS":
            conn.sendall(b"HTTP/1.1 204 No Content\r\n" + CORS + b"Content-Length: 0\r\n\r\n")
            return
        segments = path.decode("latin-1").strip("/").split("/")
        fault = segments[0] if segments else ""
        arg = segments[1] if len(segments) > 1 else ""
        if fault == "endless":
            conn.sendall(b"HTTP/1.1 200 OK\r\n" + CORS + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            chunk = b"x" * (1 << 20)
            frame = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
            while True:
                conn.sendall(frame)
        elif fault == "huge-length":
            conn.sendall(b"HTTP/1.1 200 OK\r\n" + CORS + b"Content-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n")
            for _ in range(300):
                conn.sendall(b"x" * 65536)
                time.sleep(0.01)
        elif fault == "short":
            conn.sendall(b"HTTP/1.1 200 OK\r\n" + CORS + b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n" + b'{"state": ')
        elif fault == "reset":
            conn.sendall(b"HTTP/1.1 200 OK\r\n" + CORS + b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n" + b'{"state":')
            time.sleep(0.05)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif fault == "huge-headers":
            headers = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"y" * 1000) for i in range(256))
            answer(conn, b"200 OK", headers + b"Content-Type: application/json\r\n", OK_BODY)
        elif fault == "redirect":
            answer(conn, b"302 Found", b"Location: https://elsewhere.invalid/x\r\n", b"")
        elif fault == "retry-after":
            answer(conn, b"503 Service Unavailable", b"Retry-After: %s\r\nContent-Type: application/json\r\n" % arg.encode(), b"{}")
        elif fault == "slow":
            time.sleep(int(arg or "0") / 1000)
            answer(conn, b"200 OK", b"Content-Type: application/json\r\n", OK_BODY)
        else:
            answer(conn, b"200 OK", b"Content-Type: application/json\r\n", OK_BODY)
    except OSError:
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    args = parser.parse_args()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(256)
    port = listener.getsockname()[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(str(port))
        os.replace(tmp, args.port_file)
    print(f"kassa fault server on http://127.0.0.1:{port}", flush=True)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
