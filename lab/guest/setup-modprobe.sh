#!/bin/sh
# Guest side of test/lab/setup-modprobe.test.ts (topology twin-nics). Runs `vfiokit setup` for the
# second e1000e and the e1000 against a root made of the guest's own /sys and /proc (bind mounts)
# plus a minimal Debian-like /etc, installs the modprobe.d file and script it wrote into the
# guest's /, unloads the NIC drivers and loads drivers for every device by modalias with kmod's
# modprobe, as udev's coldplug does. Prints one line per NIC: address, driver, driver_override.
set -u
out=$LAB_OUT
id_of() { echo "$(cat "$1/vendor"):$(cat "$1/device")"; }
e1000e= ; e1000=
for d in /sys/bus/pci/devices/*; do
  case "$(id_of "$d")" in
    0x8086:0x10d3) e1000e="$e1000e ${d##*/}" ;;
    0x8086:0x100e) e1000="${d##*/}" ;;
  esac
done
set -- $e1000e
first=$1; chosen=$2
echo "before: $first $(basename "$(readlink /sys/bus/pci/devices/$first/driver)") $chosen $(basename "$(readlink /sys/bus/pci/devices/$chosen/driver)") $e1000 $(basename "$(readlink /sys/bus/pci/devices/$e1000/driver)")" > "$out/setup-lab.txt"

R=/tmp/setup-root
mkdir -p $R/sys $R/proc $R/run $R/etc/default $R/etc/initramfs-tools $R/usr/sbin "$R/lib/modules/$KVER"
mount --bind /sys $R/sys && mount --bind /proc $R/proc || exit 10
for f in modules.alias modules.builtin modules.dep; do cp "/lib/modules/$KVER/$f" "$R/lib/modules/$KVER/"; done
cp /etc/os-release $R/etc/os-release
echo 'GRUB_CMDLINE_LINUX_DEFAULT="quiet"' > $R/etc/default/grub
printf '#!/bin/sh\n' > $R/usr/sbin/update-grub; printf '#!/bin/sh\n' > $R/usr/sbin/update-initramfs
chmod +x $R/usr/sbin/*
vfiokit --root $R setup "$chosen" "$e1000" --force --apply > "$out/setup-apply.txt" 2>&1 || exit 11
umount $R/sys $R/proc

cp $R/etc/modprobe.d/vfiokit.conf /etc/modprobe.d/vfiokit.conf || exit 12
mkdir -p /usr/local/lib/vfiokit && cp $R/usr/local/lib/vfiokit/vfio-pci-override.sh /usr/local/lib/vfiokit/ || exit 13
cp /etc/modprobe.d/vfiokit.conf "$out/vfiokit.conf"

modprobe -r e1000e e1000 || exit 14
modprobe -a $(cat /sys/bus/pci/devices/*/modalias) 2>>"$out/modprobe.err"
for d in $first $chosen $e1000; do
  drv=$(readlink /sys/bus/pci/devices/$d/driver); drv=${drv##*/}
  echo "$d ${drv:-none} $(cat /sys/bus/pci/devices/$d/driver_override)" >> "$out/setup-lab.txt"
done
