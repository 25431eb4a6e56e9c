#!/usr/bin/env python3
# Guest side of test/lab/up.test.ts: an independent QMP client (QEMU docs/interop/qmp-spec.rst)
# that asks the nested QEMU, over the control socket vfiokit up leaves free, for query-status and
# query-pci, and prints both as one JSON line. Usage: qmp_pci.py SOCKET
import json, socket, sys

s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(60)
s.connect(sys.argv[1])
f = s.makefile('rw')

def msg():
    while True:
        m = json.loads(f.readline())
        if 'event' not in m:
            return m

def cmd(name):
    f.write(json.dumps({'execute': name}) + '\n')
    f.flush()
    m = msg()
    if 'error' in m:
        raise SystemExit(f'{name}: {m["error"]}')
    return m['return']

msg()  # greeting
cmd('qmp_capabilities')
print(json.dumps({'status': cmd('query-status'), 'pci': cmd('query-pci')}))
