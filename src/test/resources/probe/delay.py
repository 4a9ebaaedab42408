#!/usr/bin/env python3
"""Holds back packets, for a namespace whose kernel has no netem: delay.py TUN DELAY_MS JITTER_MS.

Creates the tun device TUN inside the namespace it runs in; every IPv4 packet the namespace's
routes send into it is sent on, DELAY_MS +/- JITTER_MS (uniform) later, through a raw socket
whose packets carry firewall mark 1 (the test routes mark 1 by the main table, so they leave by
the namespace's own link). Only what the namespace itself routes into TUN passes through here.
Prints "ready" once the device exists; exits after 300 s at most.
"""
import fcntl
import heapq
import os
import random
import select
import socket
import struct
import sys
import time

name, delay, jitter = sys.argv[1], float(sys.argv[2]) / 1000, float(sys.argv[3]) / 1000
TUNSETIFF, IFF_TUN, IFF_NO_PI = 0x400454CA, 0x0001, 0x1000
fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
raw.setsockopt(socket.SOL_SOCKET, socket.SO_MARK, 1)
print("ready", flush=True)
end = time.monotonic() + 300
held, seq = [], 0
while time.monotonic() < end:
    wait = max(0.0, held[0][0] - time.monotonic()) if held else 1.0
    readable, _, _ = select.select([fd], [], [], wait)
    if readable:
        packet = os.read(fd, 65535)
        if len(packet) >= 20 and packet[0] >> 4 == 4:
            seq += 1
            heapq.heappush(held, (time.monotonic() + delay + random.uniform(-jitter, jitter), seq, packet))
    now = time.monotonic()
    while held and held[0][0] <= now:
        _, _, packet = heapq.heappop(held)
        try:
            raw.sendto(packet, (socket.inet_ntoa(packet[16:20]), 0))
        except OSError:
            pass
