// The lab files in one process, one after another: `npm test` runs this file beside the unit
// files (two at a time on the test runner's two slots), so one real-kernel guest boots at a time
// while the unit files take the other slot. Booting two TCG guests at once on a small machine
// would only slow both past their timeouts. scripts/test.mjs names the files in VFIOKIT_LAB_FILES
// (comma-separated, relative to the repository); each keeps its own top-level tests and can still
// be run alone (`node --import tsx --test test/lab/bind.test.ts`).
import { fileURLToPath, pathToFileURL } from 'node:url';

const top = fileURLToPath(new URL('..', import.meta.url));
const files = (process.env.VFIOKIT_LAB_FILES ?? '').split(',').filter(Boolean);
if (!files.length) throw new Error('VFIOKIT_LAB_FILES names no lab file');
for (const f of files) await import(pathToFileURL(`${top}/${f}`).href);
