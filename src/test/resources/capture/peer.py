#!/usr/bin/env python3
"""Real peers for Portolan's capture tests (run inside test namespaces only).

  peer.py serve TCPPORTS UDPPORTS ADDR...
                                   TCP listeners and UDP echo on each address (ports comma-separated);
                                   runs until killed
  peer.py client ADDR TCPPORTS UDPPORTS [TIMEOUT]
                                   one TCP connect per port, one UDP datagram per port; all in parallel
"""
import socket, sys, threading, time

def serve(tcp, udp, addrs):
    socks = []
    for a in addrs:
        fam = socket.AF_INET6 if ':' in a else socket.AF_INET
        for port in [int(p) for p in tcp.split(",") if p]:
            t = socket.socket(fam, socket.SOCK_STREAM)
            t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            t.bind((a, port)); t.listen(16)
            socks.append(t)
            threading.Thread(target=accept, args=(t,), daemon=True).start()
        for port in [int(p) for p in udp.split(",") if p]:
            u = socket.socket(fam, socket.SOCK_DGRAM)
            u.bind((a, port))
            socks.append(u)
            threading.Thread(target=echo, args=(u,), daemon=True).start()
    print("ready", flush=True)
    time.sleep(600)

def accept(t):
    while True:
        c, _ = t.accept()
        try:
            c.sendall(b"hello\n"); c.close()
        except OSError:
            pass

def echo(u):
    while True:
        data, peer = u.recvfrom(2048)
        u.sendto(data, peer)

def client(addr, tcp, udp, timeout):
    fam = socket.AF_INET6 if ':' in addr else socket.AF_INET
    def connect(port):
        s = socket.socket(fam, socket.SOCK_STREAM); s.settimeout(timeout)
        try:
            s.connect((addr, port)); s.recv(16); r = "established"
        except OSError as e:
            r = type(e).__name__
        finally:
            s.close()
        print("tcp", port, r, flush=True)
    def send(port):
        s = socket.socket(fam, socket.SOCK_DGRAM); s.settimeout(1.5)
        try:
            s.sendto(b"ping", (addr, port)); s.recvfrom(64); r = "answered"
        except OSError as e:
            r = type(e).__name__
        finally:
            s.close()
        print("udp", port, r, flush=True)
    ts = [threading.Thread(target=connect, args=(int(p),)) for p in tcp.split(",") if p]
    ts += [threading.Thread(target=send, args=(int(p),)) for p in udp.split(",") if p]
    for t in ts: t.start(); time.sleep(0.05)
    for t in ts: t.join(timeout + 2)

if __name__ == "__main__":
    if sys.argv[1] == "serve": serve(sys.argv[2], sys.argv[3], sys.argv[4:])
    else: client(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]) if len(sys.argv) > 5 else 3.5)
