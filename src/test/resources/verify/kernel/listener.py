# Echo listeners for the verify kernel differential test: TCP and UDP on every
# address x port given, inside the server namespace. Exits by itself after a deadline.
import selectors, socket, sys, time

addrs = sys.argv[1].split(',')
ports = [int(p) for p in sys.argv[2].split(',')]
deadline = time.time() + float(sys.argv[3] if len(sys.argv) > 3 else 600)
sel = selectors.DefaultSelector()
for a in addrs:
    for p in ports:
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        t.bind((a, p)); t.listen(256); t.setblocking(False)
        sel.register(t, selectors.EVENT_READ, 'listen')
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind((a, p)); u.setblocking(False)
        sel.register(u, selectors.EVENT_READ, 'udp')
print('ready', flush=True)
while time.time() < deadline:
    for key, _ in sel.select(timeout=0.5):
        s = key.fileobj
        try:
            if key.data == 'listen':
                c, _ = s.accept(); c.setblocking(False)
                sel.register(c, selectors.EVENT_READ, 'conn')
            elif key.data == 'conn':
                data = s.recv(4096)
                if not data:
                    sel.unregister(s); s.close()
                else:
                    s.send(data)
            else:
                data, peer = s.recvfrom(4096)
                s.sendto(data, peer)
        except OSError:
            if key.data == 'conn':
                try:
                    sel.unregister(s); s.close()
                except Exception:
                    pass
