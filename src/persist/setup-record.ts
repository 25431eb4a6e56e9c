/** Reads the record `vfiokit setup` keeps (system/setup-record.ts describes it). */
import type { HostRoot } from '../host/root.js';
import { parseSetupRecord, RECORD_PATH, type SetupRecord } from '../system/setup-record.js';

export type { RecordedDevice, RecordedFile, SetupRecord } from '../system/setup-record.js';
export { RECORD_PATH } from '../system/setup-record.js';

/** The record under the root, undefined when setup never ran. A damaged record is an error. */
export function readSetupRecord(root: HostRoot): SetupRecord | undefined {
  const t = root.readText(RECORD_PATH);
  if (t === undefined) return undefined;
  return parseSetupRecord(t);
}
