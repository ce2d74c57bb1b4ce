"""A client for lesson 07's AuthServer in the seed's style: os.urandom and hmac, nothing else.

    python3 seed_style_client.py [PORT] [KEY_FILE]     (defaults: 8080, ~/.sockets-workbook/lesson07.key)
"""
import hmac, os, socket, sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
key_file = sys.argv[2] if len(sys.argv) > 2 else os.path.expanduser('~/.sockets-workbook/lesson07.key')
key = open(key_file, 'rb').read()

sock = socket.create_connection(('127.0.0.1', port))
conn = sock.makefile('rwb')                     # read(n) waits for all n bytes, readline() for a line
challenge = conn.read(32)                       # the server's nonce
my_nonce = os.urandom(32)                       # our own challenge for the server
conn.write(hmac.new(key, b'client' + challenge, 'sha256').digest() + my_nonce)
conn.flush()
verdict = conn.readline()                       # b'OK\n' or b'DENIED: reason\n'
if verdict != b'OK\n':
    sys.exit(verdict.decode().strip())          # the server's own words
if not hmac.compare_digest(conn.read(32), hmac.new(key, b'server' + my_nonce, 'sha256').digest()):
    sys.exit('the server could not prove it knows the key')
print('>>: ', end='', flush=True)
for line in sys.stdin:                          # lesson 01's conversation, until Ctrl-D
    msg = line.strip().encode()
    if msg:
        conn.write(msg)
        conn.flush()
        print(conn.read(len(msg)).decode())     # the reply is exactly as long as the message
    print('>>: ', end='', flush=True)
