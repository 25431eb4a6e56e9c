/**
 * What `vfiokit setup` set up, kept in /var/lib/vfiokit/setup.json (state that must survive a
 * reboot, unlike the journal in /run): the devices with their IDs, subsystem IDs and IOMMU group
 * members (for drift checks after a hardware or firmware change), the command line parameters and
 * initramfs modules (for `setup --verify`), and every file as it was before the first setup, byte
 * for byte with its mode (for `setup --undo`).
 */
import { VfiokitError } from '../errors.js';
import type { HostRoot } from '../host/root.js';
import type { SetupRecordJson } from '../schema/outputs/setup-record.js';

export const RECORD_PATH = '/var/lib/vfiokit/setup.json';

export interface RecordedDevice {
  address: string;
  /** "10de:1b80" */
  id: string;
  /** "1458:3702", when the device has subsystem IDs. */
  subsystem?: string;
  classCode: string;
  /** IOMMU group number when setup ran, if the IOMMU was on. */
  group?: number;
  /** Every member of that group when setup ran (addresses). */
  groupMembers?: string[];
  /** How it is bound at boot: by ID (vfio-pci.ids) or by address (driver_override). */
  bindBy: 'id' | 'address';
  why: string;
}

export interface RecordedFile {
  path: string;
  /** The file existed before the first setup; its bytes (base64) and mode. */
  existed: boolean;
  mode?: number;
  original?: string;
  /**
   * A file a boot tool rewrites itself (kernelstub's configuration, grubby's BLS entries): --undo
   * runs the tool's undo command first, then puts the original bytes back.
   */
  tool?: boolean;
  /** sha256 of the content setup wrote last; a different file at --undo was edited by hand since. */
  writtenSha256?: string;
}

// The record's type comes from its schema definition (docs/json.md#setup-record).
export type SetupRecord = SetupRecordJson;

/** The record under the root, undefined when setup never ran. A damaged record is an error. */
export function readSetupRecord(root: HostRoot): SetupRecord | undefined {
  const t = root.readText(RECORD_PATH);
  if (t === undefined) return undefined;
  let v: SetupRecord;
  try {
    v = JSON.parse(t) as SetupRecord;
  } catch (e) {
    throw new VfiokitError(`${RECORD_PATH} is not valid JSON`, {
      hint: 'it was changed by hand or cut short; restore it from a backup before undoing',
      cause: e,
      code: 'setup.record',
    });
  }
  if (v?.schema !== 'vfiokit.setup-record/1' || !Array.isArray(v.devices) || !Array.isArray(v.files)) {
    throw new VfiokitError(`${RECORD_PATH} is not a vfiokit setup record`, { code: 'setup.record' });
  }
  return v;
}
