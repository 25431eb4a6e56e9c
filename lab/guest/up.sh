#!/bin/sh
# Guest side of test/lab/up.test.ts (the desktop topology: the e1000e NIC 0000:02:00.0 alone in its
# IOMMU group). Runs `vfiokit up` of a tiny nested VM (64 MiB in 2 MiB hugepages, TCG, SeaBIOS,
# no OS, its vCPU pinned to CPU 1 and the emulator to CPU 0 of this 2-CPU guest) with the NIC
# assigned through vfio-pci, asks the nested QEMU over QMP what it shows,
# stops it with `vfiokit down`; then the faults: too few hugepages, QEMU dying at start (no KVM in
# this guest, so the spec run with --accel kvm), SIGTERM to `vfiokit up`. After each phase the
# kernel's own files (driver link, driver_override, nr_hugepages, free_hugepages) go to
# $LAB_OUT/<phase>.state; vfiokit's output and exit codes beside them.
set -u
out=$LAB_OUT
nic=0000:02:00.0
qmp_pci=$1
pool=/sys/kernel/mm/hugepages/hugepages-2048kB

state() {
  f=$out/$1.state
  drv=none
  [ -e "/sys/bus/pci/devices/$nic/driver" ] && drv=$(basename "$(readlink "/sys/bus/pci/devices/$nic/driver")")
  {
    echo "driver $drv"
    echo "override $(cat "/sys/bus/pci/devices/$nic/driver_override")"
    echo "nr $(cat $pool/nr_hugepages)"
    echo "free $(cat $pool/free_hugepages)"
    echo "nr1g $(cat /sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages 2>/dev/null || echo none)"
    # up keeps one journal per VM: /run/vfiokit/vm/NAME.journal.json.
    jf=/run/vfiokit/vm/${2:-nested}.journal.json
    if [ -e "$jf" ]; then
      echo "journal $(grep -m1 '"state"' "$jf" | tr -d ' ,')"
    else
      echo "journal none"
    fi
    echo "qemu $(pgrep -c qemu-system || true)"
  } > "$f"
}

# Wait (bounded) until the record says running, or the up process is gone.
wait_running() {
  i=0
  while [ $i -lt 1800 ]; do
    grep -q '"phase": "running"' /run/vfiokit/vm/nested.json 2>/dev/null && return 0
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.5
    i=$((i + 1))
  done
  return 1
}

cat > /tmp/nested.yaml <<'SPEC'
name: nested
memory: 64M
hugepages: 2M
cpu:
  cores: 1
  pin:
    vcpus: ["1"]
    emulator: "0"
firmware:
  type: seabios
devices:
  - address: "0000:02:00.0"
SPEC
# One 1 GiB page, which this guest (1.5 GiB of RAM, all in one zone from 16 MiB up) cannot give: a
# gigantic page needs a 1 GiB-aligned range of free or movable pages inside one zone. Asking for
# nearly all of the RAM as 2 MiB pages instead drives the kernel into reclaim for minutes under TCG
# (soft lockups of the writer, measured), so the shortfall is made this way.
sed -e 's/^memory: 64M/memory: 1G/' -e 's/^hugepages: 2M/hugepages: 1G/' -e 's/^name: nested/name: toobig/' /tmp/nested.yaml > /tmp/toobig.yaml

up_opts="--force --accel tcg --start-timeout 600 --check-timeout 600 --timeout 60"
state before
vfiokit up /tmp/nested.yaml $up_opts --dry-run > "$out/dry.txt" 2>&1; echo $? > "$out/dry.rc"

# 1. The VM runs; QMP from outside; down.
vfiokit --json up /tmp/nested.yaml $up_opts > "$out/up.json" 2> "$out/up.err" &
pid=$!
if wait_running $pid; then
  state running
  cp /run/vfiokit/vm/nested.json "$out/running-record.json"
  # The pinning as this kernel has it: each thread of the nested QEMU, its name and affinity.
  qpid=$(cat /run/vfiokit/vm/nested/qemu.pid)
  for t in /proc/$qpid/task/*; do
    echo "$(basename "$t") $(grep -m1 Cpus_allowed_list "$t/status" | awk '{print $2}') $(cat "$t/comm")"
  done > "$out/running-pin.txt"
  echo "$qpid" > "$out/running-qemu.pid"
  python3 "$qmp_pci" /run/vfiokit/vm/nested/control.sock > "$out/qmp.json" 2> "$out/qmp.err"
  vfiokit --json down nested --timeout 5 > "$out/down.json" 2> "$out/down.err"; echo $? > "$out/down.rc"
fi
wait $pid; echo $? > "$out/up.rc"
state after

# 2. Too few hugepages.
vfiokit --json up /tmp/toobig.yaml $up_opts > "$out/toobig.json" 2> "$out/toobig.err"; echo $? > "$out/toobig.rc"
state toobig toobig

# 3. QEMU dying at start: --accel kvm where there is no /dev/kvm.
vfiokit --json up /tmp/nested.yaml --force --accel kvm --timeout 60 > "$out/nokvm.json" 2> "$out/nokvm.err"; echo $? > "$out/nokvm.rc"
state nokvm

# 4. SIGTERM to vfiokit up while the VM runs.
vfiokit --json up /tmp/nested.yaml $up_opts > "$out/term.json" 2> "$out/term.err" &
pid=$!
if wait_running $pid; then
  state term-running
  kill -TERM $pid
fi
wait $pid; echo $? > "$out/term.rc"
state term
