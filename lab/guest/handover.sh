#!/bin/sh
# Guest side of test/lab/handover.test.ts (the desktop topology: bochs-drm at 01:00.0 carries fbcon
# on fb0, its HDA function 01:00.1 shares the group). Hands the GPU over and back, then hands it
# over once per step boundary with a SIGTERM delivered right after that step, then kills one
# outright after the console unbind and lets `vfiokit restore` undo it. The kernel's own files
# (driver links, vtconsole bind and name, /sys/class/graphics, driver_override, VFIO ioctls) are
# recorded after each phase in $LAB_OUT/<phase>.state; vfiokit's output and exit codes beside them.
#
# The signal is placed by strace's fault injection (strace(1), -e inject=SET:signal=SIG:when=N),
# not by a poller racing the process: vfiokit writes its journal atomically (a rename(2) per
# write: the initial journal, each step's entry before and after the step, the final state), so
# the rename that records step k done is a known one, and the signal is raised inside it. The
# renames of the undisturbed handover, traced, say which rename that is.
set -u
out=$LAB_OUT
gpu=0000:01:00.0
aud=0000:01:00.1
vfio_status=$1
node=$2
group=$(basename "$(readlink "/sys/bus/pci/devices/$gpu/iommu_group")")

state() {
  f=$out/$1.state
  : > "$f"
  for d in $gpu $aud; do
    drv=none
    [ -e "/sys/bus/pci/devices/$d/driver" ] && drv=$(basename "$(readlink "/sys/bus/pci/devices/$d/driver")")
    echo "driver $d $drv" >> "$f"
    echo "override $d $(cat "/sys/bus/pci/devices/$d/driver_override")" >> "$f"
  done
  for c in /sys/class/vtconsole/vtcon*; do
    echo "vtcon ${c##*/} $(cat "$c/bind") $(cat "$c/name")" >> "$f"
  done
  echo "graphics $(ls /sys/class/graphics | tr '\n' ' ')" >> "$f"
  echo "vfio $(python3 "$vfio_status" "$group")" >> "$f"
  if [ -e /run/vfiokit/journal.json ]; then
    echo "journal $(grep -m1 '"state"' /run/vfiokit/journal.json)" >> "$f"
  else
    echo "journal none" >> "$f"
  fi
  if [ -e /run/vfiokit/handover.json ]; then echo "record present" >> "$f"; else echo "record none" >> "$f"; fi
}

# A phase that left the GPU handed over or a journal open would skew the next one: put the host
# back (the test fails on any line in recover.log).
recover() {
  if [ -e /run/vfiokit/handover.json ]; then
    echo "$1: handover record left; handback" >> "$out/recover.log"
    vfiokit handback $gpu >> "$out/recover.log" 2>&1
  fi
  if grep -q '"state": "\(open\|rollback-incomplete\)"' /run/vfiokit/journal.json 2>/dev/null; then
    echo "$1: journal left open; restore" >> "$out/recover.log"
    vfiokit restore >> "$out/recover.log" 2>&1
  fi
}

strace -V > "$out/strace.version" 2>&1 || { echo "no strace in the guest" > "$out/strace.version"; exit 1; }

state before
vfiokit handover $gpu --dry-run > "$out/dry.txt" 2>&1; echo $? > "$out/dry.rc"
vfiokit handover $gpu > "$out/over.txt" 2>&1; echo $? > "$out/over.rc"
state over
cp /run/vfiokit/handover.json "$out/handover-record.json" 2>/dev/null
vfiokit handback $gpu > "$out/back.txt" 2>&1; echo $? > "$out/back.rc"
state back
recover back

# The plan every run below makes (vfio-pci is loaded now, so it has no modprobe step), and that
# plan undisturbed once more, its renames traced (paths and order) to place the signals.
vfiokit --json handover $gpu --dry-run > "$out/dry.json" 2>&1
strace -qq -o "$out/over2.strace" -e trace=rename vfiokit handover $gpu > "$out/over2.txt" 2>&1
echo $? > "$out/over2.rc"
state over2
vfiokit handback $gpu > "$out/back2.txt" 2>&1; echo $? > "$out/back2.rc"
state back2
recover back2

# For each step k (1-based) the ordinal, among all renames, of the one that records it done:
# "k ordinal" lines. The journal's renames are the initial one, two per step, the final one.
"$node" -e '
const fs = require("fs");
const [trace, dry, out] = process.argv.slice(1);
const steps = JSON.parse(fs.readFileSync(dry, "utf8")).steps.length;
const renames = fs.readFileSync(trace, "utf8").split("\n").filter((l) => /^rename\(/.test(l));
const journal = [];
renames.forEach((l, i) => { if (l.includes(", \"/run/vfiokit/journal.json\")")) journal.push(i + 1); });
const lines = [`steps ${steps} renames ${renames.length} journal ${journal.length}`];
if (journal.length === 2 * steps + 2) for (let k = 1; k < steps; k++) lines.push(`${k} ${journal[2 * k]}`);
fs.writeFileSync(out, lines.join("\n") + "\n");
' "$out/over2.strace" "$out/dry.json" "$out/boundaries.txt"

# SIGTERM right after each step but the last (after the last the work is done and kept).
tail -n +2 "$out/boundaries.txt" | while read -r k when; do
  strace -qq -o /dev/null -e trace=rename -e inject=rename:signal=TERM:when="$when" \
    vfiokit --json handover $gpu > "$out/term-$k.json" 2> "$out/term-$k.err"
  echo $? > "$out/term-$k.rc"
  state "term-$k"
  recover "term-$k"
done

# Killed outright (SIGKILL, no undo by the process) as it records the step after the console
# unbind: the journal stays open, and `vfiokit restore` must give the console back.
when=$(awk '$1 == 1 { print $2 + 1 }' "$out/boundaries.txt")
if [ -n "$when" ]; then
  strace -qq -o /dev/null -e trace=rename -e inject=rename:signal=KILL:when="$when" \
    vfiokit handover $gpu > "$out/kill.txt" 2>&1
  echo $? > "$out/kill.rc"
  state kill
  vfiokit --json restore > "$out/restore.json" 2> "$out/restore.err"; echo $? > "$out/restore.rc"
  state restore
  recover restore
fi
exit 0
