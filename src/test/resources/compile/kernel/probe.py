"""Probes for the compile kernel test, run inside an initiator namespace.

Usage: probe.py TIMEOUT_SECONDS tcp@HOST@PORT udp@HOST@PORT icmp@HOST@TYPE ...
(HOST may be IPv6; ICMP echo is IPv4 only.)
Prints one line per probe: 'SPEC ok' (TCP handshake completed, UDP echo or ICMP echo reply
received) or 'SPEC fail'. Every probe is bounded by TIMEOUT_SECONDS; probes run in parallel.
"""
import os
import socket
import struct
import sys
import threading
import time

timeout = float(sys.argv[1])
results = {}


def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def probe(spec):
    proto, host, port = spec.split("@")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    ok = False
    try:
        if proto == "tcp":
            with socket.create_connection((host, int(port)), timeout=timeout):
                ok = True
        elif proto == "udp":
            with socket.socket(family, socket.SOCK_DGRAM) as s:
                s.settimeout(timeout)
                s.sendto(b"portolan", (host, int(port)))
                data, _ = s.recvfrom(2048)
                ok = data == b"echo:portolan"
        elif proto == "icmp":
            ident = (os.getpid() + threading.get_ident()) & 0xFFFF
            with socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP) as s:
                s.settimeout(timeout)
                hdr = struct.pack("!BBHHH", int(port), 0, 0, ident, 1) + b"portolan"
                pkt = struct.pack("!BBHHH", int(port), 0, checksum(hdr), ident, 1) + b"portolan"
                s.sendto(pkt, (host, 0))
                deadline = time.monotonic() + timeout
                while time.monotonic() < deadline:
                    data, addr = s.recvfrom(2048)
                    ihl = (data[0] & 0x0F) * 4
                    t, _, _, rid, _ = struct.unpack("!BBHHH", data[ihl:ihl + 8])
                    if t == 0 and rid == ident and addr[0] == host:
                        ok = True
                        break
    except OSError:
        ok = False
    results[spec] = ok


threads = [threading.Thread(target=probe, args=(s,)) for s in sys.argv[2:]]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout + 2)
for s in sys.argv[2:]:
    print(s, "ok" if results.get(s) else "fail", flush=True)
