/**
 * The files `vfiokit setup` writes, as text, from what it decided. Each one says it was written by
 * vfiokit and how to take it back.
 *
 * Binding at boot:
 * - `options vfio-pci ids=...` makes vfio-pci claim devices by ID (drivers/vfio/pci/vfio_pci.c
 *   vfio_pci_fill_ids; vendor:device[:subvendor:subdevice]); `softdep DRIVER pre: vfio-pci`
 *   makes modprobe load vfio-pci before DRIVER, so vfio-pci is there first when udev loads
 *   drivers for the devices (man 5 modprobe.d).
 * - Identical devices that IDs cannot tell apart are bound by address with driver_override: once
 *   set, only the driver named in it may bind the device (Documentation/ABI/testing/sysfs-bus-pci,
 *   drivers/pci/pci-driver.c pci_match_device), and setting it does not bind by itself. It must be
 *   written before any driver probes the device, so `install vfio-pci` in modprobe.d runs a script
 *   that writes it for the chosen addresses and then loads vfio-pci (`modprobe --ignore-install`,
 *   the pattern man 5 modprobe.d gives); the softdeps make that happen before the host driver
 *   loads. The script goes into the initramfs, where vfio-pci is loaded first.
 */

export const MODPROBE_CONF = '/etc/modprobe.d/vfiokit.conf';
export const OVERRIDE_SCRIPT = '/usr/local/lib/vfiokit/vfio-pci-override.sh';

export interface BindingConfig {
  ids: string[];
  overrides: string[];
  /** Module names of the host drivers that must load after vfio-pci. */
  softdeps: string[];
  addresses: string[];
}

export function modprobeConf(b: BindingConfig): string {
  const lines = [
    `# Written by vfiokit setup: bind ${b.addresses.join(' ')} to vfio-pci at boot.`,
    '# Remove with: vfiokit setup --undo',
  ];
  if (b.ids.length) lines.push(`options vfio-pci ids=${b.ids.join(',')}`);
  for (const d of b.softdeps) lines.push(`softdep ${d} pre: vfio-pci`);
  if (b.overrides.length) lines.push(`install vfio-pci /bin/sh ${OVERRIDE_SCRIPT} $CMDLINE_OPTS`);
  return `${lines.join('\n')}\n`;
}

export function overrideScript(addresses: string[]): string {
  return `#!/bin/sh
# Written by vfiokit setup. Remove with: vfiokit setup --undo
# modprobe runs this instead of loading vfio-pci ("install vfio-pci" in ${MODPROBE_CONF}).
# It names vfio-pci in driver_override for the chosen devices before any driver binds them,
# then loads vfio-pci, which binds them. Identical devices not listed keep their own driver.
for dev in ${addresses.join(' ')}; do
\tif [ -e "/sys/bus/pci/devices/$dev/driver_override" ]; then
\t\techo vfio-pci > "/sys/bus/pci/devices/$dev/driver_override"
\tfi
done
exec /sbin/modprobe --ignore-install vfio-pci "$@"
`;
}

/** initramfs-tools hook (initramfs-tools(7) HOOK SCRIPTS) that copies the override script in. */
export function initramfsToolsHook(): string {
  return `#!/bin/sh
# Written by vfiokit setup: put the driver_override script into the initramfs.
# Remove with: vfiokit setup --undo
PREREQ=""
prereqs() { echo "$PREREQ"; }
case "$1" in
prereqs) prereqs; exit 0 ;;
esac
. /usr/share/initramfs-tools/hook-functions
copy_file script ${OVERRIDE_SCRIPT}
`;
}

export const INITRAMFS_TOOLS_HOOK = '/etc/initramfs-tools/hooks/vfiokit';
export const INITRAMFS_TOOLS_MODULES = '/etc/initramfs-tools/modules';
export const DRACUT_CONF = '/etc/dracut.conf.d/vfiokit.conf';
export const MKINITCPIO_CONF = '/etc/mkinitcpio.conf';

/** /etc/initramfs-tools/modules: one module per line; the missing ones are appended. */
export function initramfsToolsModules(current: string, modules: string[]): string {
  const listed = new Set(
    current
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').trim().split(/\s+/)[0]?.replace(/-/g, '_'))
      .filter(Boolean),
  );
  const missing = modules.filter((m) => !listed.has(m));
  if (!missing.length) return current;
  const base = current === '' || current.endsWith('\n') ? current : `${current}\n`;
  return `${base}# vfiokit setup: load vfio-pci early (vfiokit setup --undo removes these lines)\n${missing.join('\n')}\n`;
}

/** dracut.conf(5): force_drivers are added to the initramfs and loaded early; install_items copies files. */
export function dracutConf(modules: string[], overrides: boolean): string {
  const items = [MODPROBE_CONF, ...(overrides ? [OVERRIDE_SCRIPT] : [])];
  return `# Written by vfiokit setup: load vfio-pci in the initramfs, before other drivers.
# Remove with: vfiokit setup --undo
force_drivers+=" ${modules.join(' ')} "
install_items+=" ${items.join(' ')} "
`;
}

/**
 * mkinitcpio.conf(5) is a bash fragment: MODULES=(...) are loaded first in the listed order, so the
 * vfio modules go in front of any GPU driver listed there; FILES=(...) are copied into the image.
 * The modconf hook carries /etc/modprobe.d. Arrays may span lines; the old quoted-string form
 * (MODULES="...") is read too.
 */
export function editMkinitcpio(
  current: string,
  modules: string[],
  files: string[],
): { text: string; notes: string[] } {
  const notes: string[] = [];
  let text = current;
  const edit = (name: string, add: string[], front: boolean) => {
    const re = new RegExp(`^(${name}=)(\\(([^)]*)\\)|"([^"]*)")`, 'm');
    const m = re.exec(text);
    if (!m) {
      if (add.length)
        text = `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${name}=(${add.join(' ')})\n`;
      return;
    }
    const inner = m[3] ?? m[4] ?? '';
    const words = inner.split(/\s+/).filter(Boolean);
    const have = new Set(words.map((w) => w.replace(/\?$/, '').replace(/-/g, '_')));
    const missing = add.filter((a) => !have.has(a.replace(/-/g, '_')));
    if (!missing.length) return;
    const next = front ? [...missing, ...words] : [...words, ...missing];
    const repl = m[3] !== undefined ? `(${next.join(' ')})` : `"${next.join(' ')}"`;
    text = text.slice(0, m.index) + m[1] + repl + text.slice(m.index + m[0].length);
  };
  edit('MODULES', modules, true);
  edit('FILES', files, false);
  const hooks = /^HOOKS=(\(([^)]*)\)|"([^"]*)")/m.exec(text);
  const hookWords = (hooks?.[2] ?? hooks?.[3] ?? '').split(/\s+/);
  if (!hookWords.includes('modconf')) {
    notes.push(
      '/etc/mkinitcpio.conf: HOOKS has no modconf, so the initramfs will not carry /etc/modprobe.d; add modconf to HOOKS',
    );
  }
  return { text, notes };
}
