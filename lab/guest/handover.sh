#!/bin/sh
# Guest side of test/lab/handover.test.ts (the desktop topology: bochs-drm at 01:00.0 carries fbcon
# on fb0, its HDA function 01:00.1 shares the group). Hands the GPU over and back, then hands it
# over again and sends SIGTERM once the journal shows a step done. The kernel's own files (driver
# links, vtconsole bind, /sys/class/graphics, driver_override, VFIO ioctls) are recorded after each
# phase in $LAB_OUT/<phase>.state; vfiokit's output and exit codes beside them.
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
}

state before
vfiokit handover $gpu --dry-run > "$out/dry.txt" 2>&1; echo $? > "$out/dry.rc"
vfiokit handover $gpu > "$out/over.txt" 2>&1; echo $? > "$out/over.rc"
force=
if [ "$(cat "$out/over.rc")" != 0 ]; then
  # Refused (the guard's findings are in over.txt): the test asserts why, then --force.
  force=--force
  vfiokit handover $gpu --force > "$out/over-force.txt" 2>&1; echo $? > "$out/over-force.rc"
fi
state over
cp /run/vfiokit/handover.json "$out/handover-record.json" 2>/dev/null
vfiokit handback $gpu > "$out/back.txt" 2>&1; echo $? > "$out/back.rc"
state back

# Interrupted: a node poller reads the journal in a tight loop and sends SIGTERM as soon as one
# step is done (under TCG a vfiokit step takes far longer than one poll).
vfiokit --json handover $gpu $force > "$out/term.json" 2> "$out/term.err" &
pid=$!
"$node" -e '
const fs = require("fs");
const [pid, file, log] = [Number(process.argv[1]), process.argv[2], process.argv[3]];
const end = Date.now() + 120000;
for (;;) {
  let t = "";
  try { t = fs.readFileSync(file, "utf8"); } catch {}
  const j = (() => { try { return JSON.parse(t); } catch { return undefined; } })();
  const done = j && j.pid === pid && j.entries.filter((e) => e.state === "done").length;
  if (done) { process.kill(pid, "SIGTERM"); fs.writeFileSync(log, `killed after ${done} done of ${j.entries.length} journaled\n`); break; }
  try { process.kill(pid, 0); } catch { fs.writeFileSync(log, "exited before a step was done\n"); break; }
  if (Date.now() > end) { fs.writeFileSync(log, "timed out\n"); break; }
}' "$pid" /run/vfiokit/journal.json "$out/term-kill.txt"
wait $pid; echo $? > "$out/term.rc"
state term
exit 0
