#!/usr/bin/env python3
"""The seeds' way of uploading a file, for timing only: a Python client that sends the file
line by line, and a server that receives it with 1 KiB recv() calls.

Written for the workbook's benchmark (bench/UploadBench); it is not the seeds' code. Unlike the
seeds it uses network byte order ('!I') for the header length, sendall() instead of send() (so
no line is cut short), and reads the 4 length bytes and the header completely: the point is to
time the *approach* (many small sends and small receives), not to repeat its bugs.

    python3 upload_seed_style.py server DIRECTORY     prints "PORT n", receives one upload, prints "DONE bytes"
    python3 upload_seed_style.py client PORT FILE     uploads FILE to 127.0.0.1:PORT
"""
import json
import os
import socket
import struct
import sys


def recv_exactly(conn, n):
    data = b""
    while len(data) < n:
        more = conn.recv(n - len(data))
        if not more:
            raise EOFError("the stream ended after %d of %d bytes" % (len(data), n))
        data += more
    return data


def serve_one(directory):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        print("PORT", server.getsockname()[1], flush=True)
        conn, _ = server.accept()
        with conn:
            (length,) = struct.unpack("!I", recv_exactly(conn, 4))
            header = json.loads(recv_exactly(conn, length).decode("utf-8"))
            size = header["file_size"]
            name = os.path.basename(header["file_name"])  # the seeds had no such check
            received = 0
            with open(os.path.join(directory, name), "wb") as f:
                while received < size:
                    data = conn.recv(1024)  # the seeds' buffer size
                    if not data:
                        raise EOFError("the body ended after %d of %d bytes" % (received, size))
                    f.write(data)
                    received += len(data)
    print("DONE", received, flush=True)


def upload(port, path):
    header = json.dumps({"file_name": os.path.basename(path), "file_size": os.path.getsize(path)}).encode("utf-8")
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.sendall(struct.pack("!I", len(header)) + header)
        with open(path, "rb") as f:
            for line in f:  # "line by line", as the seeds send their movie
                client.sendall(line)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "server":
        serve_one(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "client":
        upload(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(__doc__)
