# Connection attempts for the verify kernel differential test, run inside the client
# namespace. Input file: lines "id src dst proto port". Output: "id ok" or "id fail reason".
# TCP: connect, send, expect the echo. UDP: two exchanges (the second is conntrack
# "established" both ways). Every wait is bounded by a timeout.
import socket, sys
from concurrent.futures import ThreadPoolExecutor

TIMEOUT = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0

def attempt(line):
    pid, src, dst, proto, port = line.split()
    port = int(port)
    try:
        if proto == 'tcp':
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.settimeout(TIMEOUT)
            try:
                s.bind((src, 0)); s.connect((dst, port)); s.sendall(b'ping')
                ok = s.recv(16) == b'ping'
            finally:
                s.close()
        else:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(TIMEOUT)
            try:
                s.bind((src, 0)); s.connect((dst, port))
                ok = True
                for i in range(2):
                    msg = b'ping%d' % i
                    s.send(msg)
                    if s.recv(16) != msg:
                        ok = False
                        break
            finally:
                s.close()
        return pid + (' ok' if ok else ' fail mismatch')
    except socket.timeout:
        return pid + ' fail timeout'
    except OSError as e:
        return pid + ' fail ' + type(e).__name__

lines = [l for l in open(sys.argv[1]).read().splitlines() if l.strip()]
with ThreadPoolExecutor(max_workers=64) as ex:
    for r in ex.map(attempt, lines):
        print(r, flush=True)
