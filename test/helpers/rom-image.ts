/** The legacy ROM image builder the build's warm-up uses too (scripts/legacy-rom.cjs). */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const legacyRomImage = (
  require('../../scripts/legacy-rom.cjs') as {
    legacyRomImage(vendor: number, device: number, classCode?: number): Buffer;
  }
).legacyRomImage;
