"""The yardstick in Python: the seeds' UDP upper-case echo server (lesson 04).

    python3 udp_upper_echo_server.py

Binds 127.0.0.1 on a free port, prints "PORT <n>", then answers each datagram with its bytes
upper-cased, to the address it came from, in one loop (recvfrom, upper, sendto), as the seeds
do. Stops when its standard input ends, so it can never outlive the benchmark that started it.
Written for workbook.bench.UdpEchoBench.
"""
import socket
import sys
import threading


def serve(server):
    while True:
        try:
            data, address = server.recvfrom(65535)
            server.sendto(data.upper(), address)
        except OSError:  # closed at the end, or a reply that could not be sent
            if server.fileno() == -1:
                return


def main():
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(("127.0.0.1", 0))
    print("PORT", server.getsockname()[1], flush=True)
    threading.Thread(target=serve, args=(server,), daemon=True).start()
    for _ in sys.stdin:  # no commands: wait for the end of input
        pass
    server.close()


if __name__ == "__main__":
    main()
