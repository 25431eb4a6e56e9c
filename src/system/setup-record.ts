/**
 * What `vfiokit setup` set up, kept in /var/lib/vfiokit/setup.json (state that must survive a
 * reboot, unlike the journal in /run): the devices with their IDs, subsystem IDs and IOMMU group
 * members (for drift checks after a hardware or firmware change), the command line parameters and
 * initramfs modules (for `setup --verify`), and every file as it was before the first setup, byte
 * for byte with its mode (for `setup --undo`). The record types and the parser; host/ reads it.
 */
import { VfiokitError } from '../errors.js';

export const RECORD_PATH = '/var/lib/vfiokit/setup.json';

/** A kernel command line parameter setup wants, and how an existing value is treated. */
export interface WantedParam {
  /** The word to have, e.g. "iommu=pt". */
  word: string;
  /**
   * set: the parameter must have this value (another value is replaced);
   * option: a comma-separated option list that must include this value (intel_iommu=on,sm_on);
   * keep: add unless the parameter is already given, whatever its value (the user's choice stands);
   * word: add unless this exact word is there (video= may be given several times).
   */
  policy: 'set' | 'option' | 'keep' | 'word';
  why: string;
}

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

export interface SetupRecord {
  schema: 'vfiokit.setup-record/1';
  targets: string[];
  devices: RecordedDevice[];
  /** Entries of vfio-pci.ids (vendor:device[:subvendor:subdevice]). */
  ids: string[];
  /** Addresses bound by driver_override at boot. */
  overrides: string[];
  cmdline: WantedParam[];
  initramfsModules: string[];
  bootLoader: string;
  initramfs: string;
  files: RecordedFile[];
  /** Directories setup created (outermost first); --undo removes them when empty. */
  createdDirs: string[];
  /** Commands that undo command-line changes made by a tool (grubby, kernelstub). */
  undoCommands: string[][];
  /** Commands that rebuild boot files from the configuration (run again by --undo). */
  regenerate: string[][];
}

/** What reading the record found: none (setup never ran), the record, or why it is unusable. */
export type SetupRecordRead = { record?: SetupRecord } | { error: string };

/** The record from its text. A damaged record is an error (undo must not guess). */
export function parseSetupRecord(t: string): SetupRecord {
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
