#!/bin/sh
# Guest side of test/lab/hugepages.test.ts (desktop topology, 1 GiB of guest RAM). Reserves the
# 2 MiB pages a small spec needs and gives them back, is refused a guest bigger than the machine,
# asks for nearly all the machine's memory (the kernel cannot find that many 2 MiB blocks), and is
# sent SIGTERM as soon as its raise is journaled. After each phase the kernel's own counts are
# recorded in $LAB_OUT/<phase>.pool: the pool's sysfs files and /proc/meminfo's HugePages_* lines.
set -u
out=$LAB_OUT
small=$1
huge=$2
node=$3
P=/sys/kernel/mm/hugepages/hugepages-2048kB

pool() {
  f=$out/$1.pool
  echo "sysfs $(cat $P/nr_hugepages) $(cat $P/free_hugepages) $(cat $P/resv_hugepages) $(cat $P/surplus_hugepages)" > "$f"
  echo "meminfo $(awk '/^HugePages_Total:/ {t=$2} /^HugePages_Free:/ {f=$2} /^HugePages_Rsvd:/ {r=$2} /^HugePages_Surp:/ {s=$2} END {print t, f, r, s}' /proc/meminfo)" >> "$f"
  if [ -e /run/vfiokit/journal.json ]; then
    echo "journal $(grep -m1 '"state"' /run/vfiokit/journal.json)" >> "$f"
  else
    echo "journal none" >> "$f"
  fi
  echo "record $(ls /run/vfiokit/hugepages-*.json 2>/dev/null | wc -l)" >> "$f"
}

pool before
grep -E '^(MemTotal|MemFree|MemAvailable):' /proc/meminfo > "$out/meminfo.txt"

# 1. A small spec: plan, reserve, give back.
vfiokit --json hugepages "$small" --dry-run > "$out/dry.json" 2> "$out/dry.err"; echo $? > "$out/dry.rc"
vfiokit --json hugepages "$small" > "$out/reserve.json" 2> "$out/reserve.err"; echo $? > "$out/reserve.rc"
pool reserved
vfiokit --json hugepages "$small" --release > "$out/release.json" 2> "$out/release.err"; echo $? > "$out/release.rc"
pool released

# 2. More than the machine has.
vfiokit hugepages "$huge" > "$out/huge.txt" 2> "$out/huge.err"; echo $? > "$out/huge.rc"
pool huge

# 3. Nearly all of it: 15/16 of MemTotal in 2 MiB pages, which the kernel cannot find (its own
# memory, this shell, node and the overlay's tmpfs live in the rest).
total_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
near_mib=$(( total_kb * 15 / 16 / 2048 * 2 ))
printf 'name: near\nmemory: %sM\nhugepages: 2M\ncpu:\n  cores: 1\nfirmware:\n  type: seabios\n' "$near_mib" > /tmp/near.yaml
echo "$near_mib" > "$out/near.mib"
vfiokit --json hugepages /tmp/near.yaml > "$out/near.json" 2> "$out/near.err"; echo $? > "$out/near.rc"
pool near

# 4. SIGTERM once the raise is journaled: a poller reads the journal in a tight loop.
vfiokit --json hugepages "$small" > "$out/term.json" 2> "$out/term.err" &
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
pool term
# Whatever the signal left reserved is given back, so the run ends where it began.
vfiokit hugepages "$small" --release > "$out/term-release.txt" 2>&1; echo $? > "$out/term-release.rc"
pool end
exit 0
