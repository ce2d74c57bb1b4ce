"""The yardstick in Python: lesson 05's upper-case echo server on socketserver.ThreadingTCPServer.

    python3 upper_echo_server.py [BACKLOG]

Binds 127.0.0.1 on a free port, prints "PORT <n>", serves with one thread per connection, and
stops when its standard input ends (so it can never outlive the benchmark that started it).
Written for workbook.bench.EchoBench; the handler is the seeds' handler, made to stop on errors.
"""
import socketserver
import sys
import threading


class UpperHandler(socketserver.BaseRequestHandler):
    def handle(self):
        while True:
            try:
                data = self.request.recv(1024)
            except OSError:  # reset by the client: this conversation is over
                return
            if not data:
                return
            self.request.sendall(data.upper())


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True  # do not wait for idle clients at exit


def main():
    Server.request_queue_size = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    with Server(("127.0.0.1", 0), UpperHandler) as server:
        print("PORT", server.server_address[1], flush=True)
        loop = threading.Thread(target=server.serve_forever, daemon=True)
        loop.start()
        for _ in sys.stdin:  # commands are for the Java servers; wait for end of input
            pass
        server.shutdown()


if __name__ == "__main__":
    main()
