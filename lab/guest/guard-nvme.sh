#!/bin/sh
# Guest side of test/lab/guard-nvme.test.ts (a switch with an NVMe drive whose namespace is an
# ext4 image). Mounts the filesystem, asks `vfiokit guard` about the NVMe controller and the switch
# port above it, unmounts, asks again. Output: JSON documents and exit codes in $LAB_OUT.
set -u
out=$LAB_OUT
nvme=
for d in /sys/bus/pci/devices/*; do
  [ "$(cat "$d/class")" = 0x010802 ] && nvme=${d##*/}
done
[ -n "$nvme" ] || { echo "no NVMe controller" > "$out/error.txt"; exit 10; }
port=$(basename "$(dirname "$(readlink -f "/sys/bus/pci/devices/$nvme")")")
echo "$nvme $port" > "$out/devices.txt"
# The nvme driver probes asynchronously: wait for the namespace's block device.
i=0
while [ ! -b /dev/nvme0n1 ] && [ $i -lt 150 ]; do sleep 0.2; i=$((i + 1)); done
mkdir -p /mnt/data
mount -t ext4 /dev/nvme0n1 /mnt/data 2> "$out/mount.txt" || exit 11
grep nvme0n1 /proc/self/mountinfo > "$out/mountinfo.txt"
vfiokit --json guard "$nvme" > "$out/guard-mounted.json"; echo $? > "$out/guard-mounted.rc"
vfiokit --json guard "$port" > "$out/guard-port.json"; echo $? > "$out/guard-port.rc"
vfiokit guard "$nvme" "$port" > "$out/guard-mounted.txt"
# bind refuses it too, with the guard's evidence, and changes nothing.
vfiokit bind "$nvme" > "$out/bind-mounted.txt" 2>&1; echo $? > "$out/bind-mounted.rc"
basename "$(readlink "/sys/bus/pci/devices/$nvme/driver")" > "$out/driver-after.txt"
umount /mnt/data || exit 12
vfiokit --json guard "$nvme" > "$out/guard-free.json"; echo $? > "$out/guard-free.rc"
exit 0
