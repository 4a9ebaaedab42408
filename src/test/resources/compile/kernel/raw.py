"""Raw IP protocol probes for the compile kernel test (protocols other than TCP, UDP, ICMP).

Usage: raw.py recv SECONDS PROTO...   inside the responder: one raw socket per protocol number;
         prints 'ready', then 'got PROTO #N from SRC' for the N-th packet of that protocol,
         until SECONDS have passed.
       raw.py send HOST PROTO...       inside the initiator: one packet per protocol, in order.
Only the addresses the test gives (its own namespaces) are sent to.
"""
import select
import socket
import sys
import time

if sys.argv[1] == "recv":
    end = time.monotonic() + float(sys.argv[2])
    socks = [(int(p), socket.socket(socket.AF_INET, socket.SOCK_RAW, int(p))) for p in sys.argv[3:]]
    counts = {p: 0 for p, _ in socks}
    print("ready", flush=True)
    while time.monotonic() < end:
        ready, _, _ = select.select([s for _, s in socks], [], [], 0.5)
        for p, s in socks:  # in the order given: a packet sent earlier is printed first
            if s in ready:
                _, src = s.recvfrom(65535)
                counts[p] += 1
                print("got %d #%d from %s" % (p, counts[p], src[0]), flush=True)
else:
    host = sys.argv[2]
    for p in sys.argv[3:]:
        with socket.socket(socket.AF_INET, socket.SOCK_RAW, int(p)) as s:
            s.sendto(b"portolan raw probe", (host, 0))
    print("sent", flush=True)
