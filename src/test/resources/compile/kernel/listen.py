"""Listeners for the compile kernel test: TCP accept and UDP echo on the given ports (IPv4 and IPv6).

Usage: listen.py LIFETIME_SECONDS tcp:PORT udp:PORT ...
Prints 'ready' once every socket is bound; exits after LIFETIME_SECONDS at the latest.
"""
import signal
import socket
import sys
import threading

signal.signal(signal.SIGALRM, lambda *a: sys.exit(0))
signal.alarm(int(sys.argv[1]))


def tcp(port):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    s.listen(64)

    def loop():
        while True:
            c, _ = s.accept()
            c.close()
    threading.Thread(target=loop, daemon=True).start()


def udp(port):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))

    def loop():
        while True:
            data, peer = s.recvfrom(2048)
            s.sendto(b"echo:" + data, peer)
    threading.Thread(target=loop, daemon=True).start()


for spec in sys.argv[2:]:
    proto, port = spec.split(":")
    (tcp if proto == "tcp" else udp)(int(port))
print("ready", flush=True)
threading.Event().wait()
