#!/usr/bin/env python3
"""Asks a real endpoint mapper (TCP 135) where an RPC interface listens (ept_map, opnum 3),
then connects to the port it names. For Portolan's capture tests, inside test namespaces only.

  epm_client.py SERVER_IPV4 [INTERFACE_UUID [MAJOR]]    (default: LSA 12345778-1234-abcd-ef00-0123456789ab v0)
"""
import socket, struct, sys, uuid

NDR = uuid.UUID("8a885d04-1ceb-11c9-9fe8-08002b104860")
EPM = uuid.UUID("e1af8308-5d1f-11c9-91a4-08002b14a0fa")

def floor(lhs, rhs):
    return struct.pack("<H", len(lhs)) + lhs + struct.pack("<H", len(rhs)) + rhs

def pdu(ptype, call_id, body):
    return struct.pack("<BBBB4sHHI", 5, 0, ptype, 3, b"\x10\0\0\0", 16 + len(body), 0, call_id) + body

def main():
    server = sys.argv[1]
    iface = uuid.UUID(sys.argv[2] if len(sys.argv) > 2 else "12345778-1234-abcd-ef00-0123456789ab")
    major = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    s = socket.create_connection((server, 135), timeout=5)
    ctx = struct.pack("<HBB", 0, 1, 0) + EPM.bytes_le + struct.pack("<HH", 3, 0) + NDR.bytes_le + struct.pack("<I", 2)
    s.sendall(pdu(11, 1, struct.pack("<HHIB3x", 4280, 4280, 0, 1) + ctx))
    s.recv(4096)
    tower = struct.pack("<H", 5)
    tower += floor(b"\x0d" + iface.bytes_le + struct.pack("<H", major), struct.pack("<H", 0))
    tower += floor(b"\x0d" + NDR.bytes_le + struct.pack("<H", 2), struct.pack("<H", 0))
    tower += floor(b"\x0b", struct.pack("<H", 0))
    tower += floor(b"\x07", struct.pack(">H", 0))
    tower += floor(b"\x09", socket.inet_aton("0.0.0.0"))
    stub = struct.pack("<I", 1) + b"\0" * 16                     # object: pointer + nil uuid
    stub += struct.pack("<III", 2, len(tower), len(tower)) + tower  # map_tower: pointer, conformance, length, octets
    stub += b"\0" * ((4 - len(stub) % 4) % 4)
    stub += b"\0" * 20 + struct.pack("<I", 4)                    # entry_handle, max_towers
    s.sendall(pdu(0, 2, struct.pack("<IHH", len(stub), 0, 3) + stub))
    data = b""
    while len(data) < 16 or len(data) < struct.unpack_from("<H", data, 8)[0]:
        chunk = s.recv(4096)
        if not chunk: break
        data += chunk
    s.close()
    # find the TCP port floor (protocol id 0x07) in the first returned tower
    i = data.find(b"\x01\x00\x07\x02\x00")
    if i < 0:
        print("no tcp port in answer", flush=True); return 1
    port = struct.unpack_from(">H", data, i + 5)[0]
    print("epm says port", port, flush=True)
    c = socket.create_connection((server, port), timeout=5)
    c.close()
    print("connected", port, flush=True)
    return 0

if __name__ == "__main__":
    sys.exit(main())
