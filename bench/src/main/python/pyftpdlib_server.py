"""pyftpdlib, the bench's Python peer of lesson 08's FTP server, as bench/ServerProcess expects it:
prints "PORT n" once it listens on 127.0.0.1, and stops at the end of its standard input.

    /usr/bin/python3 pyftpdlib_server.py HOME USER PASSWORD

pyftpdlib's defaults (its asynchronous single-process FTPServer, sendfile() for RETR where the OS
has it), except: loopback only, one user with every permission, and log lines at WARNING only
(its default logs every transfer; the Java servers measured log nothing per transfer either).
Needs pyftpdlib (Debian: apt-get install python3-pyftpdlib, for Debian's /usr/bin/python3).
"""
import logging
import os
import sys
import threading

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer


def stop_at_end_of_input():
    sys.stdin.read()
    os._exit(0)


def main():
    home, user, password = sys.argv[1:4]
    logging.basicConfig(level=logging.WARNING)
    authorizer = DummyAuthorizer()
    authorizer.add_user(user, password, home, perm="elradfmwMT")
    handler = FTPHandler
    handler.authorizer = authorizer
    server = FTPServer(("127.0.0.1", 0), handler)
    server.max_cons = 1024
    print("PORT %d" % server.address[1], flush=True)
    threading.Thread(target=stop_at_end_of_input, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
