#!/bin/busybox sh
# PID 1 of a lab guest (built into the initramfs by lab/initramfs.ts). It mounts the host's root
# read-only over virtio-9p with a tmpfs overlay on top (so the guest runs the host's node, python3,
# lspci and the repository's own build, and may scribble anywhere without touching the host),
# mounts the per-boot output directory read-write at the same path as on the host, coldplugs the
# drivers for the emulated devices, runs the lab command in a chroot and reports its exit status on
# the console, where lab/boot.ts reads it.
# Inputs come from the kernel command line (unknown name=value arguments reach init's environment):
#   lab_cmd64  base64 of the command (/bin/sh -c)   lab_out  host path of the output directory
#   lab_kmods  host path of /lib/modules/<release> in the unpacked kernel package
/bin/busybox --install -s
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
say() { echo "=== lab: $*"; }
die() { say "init failed: $*"; say "exit 255"; sync; poweroff -f; }
KVER=$(uname -r)

# insmod knows nothing of dependencies: retry the failures until a pass makes no progress, which
# loads the list in dependency order whatever order it was written in.
todo=$(cat /mods/order)
while [ -n "$todo" ]; do
  left=
  for m in $todo; do insmod "/mods/$m.ko" 2>/dev/null || left="$left $m"; done
  [ "$left" = " $todo" ] && die "insmod:$left"
  todo=${left# }
done

# cache=loose: the host tree does not change under a running guest, and loose caching makes the
# node startup (thousands of stat/open calls over 9p) several times faster under TCG.
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=loose,ro hostroot /ro || die "9p root"
mount -t tmpfs -o mode=755 rw /rw && mkdir -p /rw/u /rw/w
mount -t overlay -o lowerdir=/ro,upperdir=/rw/u,workdir=/rw/w overlay /newroot || die "overlay"
mkdir -p "/newroot$lab_out"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 labout "/newroot$lab_out" || die "9p out"
# The modules of the unpacked package live on the host; point both module paths at them.
ln -s "/newroot$lab_kmods" "/lib/modules/$KVER"
mkdir -p /newroot/usr/lib/modules && rm -rf "/newroot/usr/lib/modules/$KVER"
ln -s "$lab_kmods" "/newroot/usr/lib/modules/$KVER"
for d in proc sys dev; do mount --bind "/$d" "/newroot/$d"; done
# No tmpfs over /tmp: the checkout and the out dir may live under the host's /tmp (a CI clone
# may), and the overlay already makes /tmp writable without touching the host.
mount -t tmpfs tmpfs /newroot/run

# No udev here: load the driver for every device by its modalias, as udev's coldplug would.
echo /sbin/modprobe > /proc/sys/kernel/modprobe
modprobe -a $(cat /sys/bus/pci/devices/*/modalias) 2>/dev/null
lab_cmd=$(echo "$lab_cmd64" | base64 -d)
say "ready at $(cut -d' ' -f1 /proc/uptime)s: $lab_cmd"
chroot /newroot /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root TERM="${TERM:-linux}" LAB_OUT="$lab_out" KVER="$KVER" /bin/sh -c "$lab_cmd"
rc=$?
sync
say "exit $rc at $(cut -d' ' -f1 /proc/uptime)s"
poweroff -f
