"""Serve one of the bench's ASGI apps on uvicorn with N worker processes, without Nagle's delay.

`uvicorn --workers N` binds its socket as `socket.socket(AF_INET)`, protocol 0, and asyncio sets
TCP_NODELAY only on connections whose socket says IPPROTO_TCP (the single-process server binds
through asyncio, which does). Each response is two writes (head, then body), so on a reused
connection the body waited for the client's delayed ACK: 40 ms more a request at concurrency 1
(52 ms against 7.8 ms with one worker), and a c=8 "throughput" that measured the stall. This
binds the socket as TCP and hands it to uvicorn's own supervisor.

Usage: python -m tests.bench.serve MODULE:APP PORT WORKERS
"""

import socket
import sys

import uvicorn
from uvicorn.supervisors import Multiprocess


def serve(app: str, port: int, workers: int) -> None:
    config = uvicorn.Config(app, host="127.0.0.1", port=port, workers=workers, log_level="warning")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.set_inheritable(True)
    Multiprocess(config, sockets=[sock]).run()


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
