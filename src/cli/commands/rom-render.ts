/** Human text for a parsed ROM: one block per image, the findings, then the UEFI verdict. */

import { formatClassCode, formatIdPair, formatPciId } from '../../pci/id.js';
import { hex } from '../../rom/byte-view.js';
import type { RomImage, RomModel } from '../../rom/model.js';
import type { IdCheck, UefiVerdict } from '../../rom/verdict.js';
import type { CliContext } from '../context.js';

function imageLines(ctx: CliContext, img: RomImage): string[] {
  const { c } = ctx;
  const p = img.pcir;
  const flags = [
    p.last ? 'last' : '',
    img.afterLast ? c.yellow('after the last image') : '',
    !img.inChain && !img.afterLast ? c.yellow('outside the chain') : '',
    img.truncated ? c.red('truncated') : '',
  ].filter(Boolean);
  const out = [
    `${c.bold(`image ${img.index}`)} @ ${hex(img.offset)}: ${p.codeTypeName} (type 0x${p.codeType.toString(16)}), ${formatIdPair(p.vendorId, p.deviceId)}, class ${formatClassCode(p.classCode)}, ${img.length} bytes${flags.length ? `, ${flags.join(', ')}` : ''}`,
    `    PCIR @ ${hex(p.offset)} (+${hex(img.pcirPointer)}): revision ${p.revision}, length ${p.length}, code revision ${hex(p.codeRevision)}, indicator ${hex(p.indicator)}`,
  ];
  if (p.pci30) {
    const f = p.pci30;
    const list = f.deviceList.length ? f.deviceList.map(formatPciId).join(' ') : 'none';
    out.push(
      `    PCI 3.0: device list ${list}${f.deviceListPointer ? ` (@ PCIR+${hex(f.deviceListPointer)})` : ''}, max runtime length ${f.maxRuntimeImageLength}, config utility ${hex(f.configUtilityPointer)}, DMTF CLP ${hex(f.dmtfClpPointer)}`,
    );
  }
  if (img.legacyInitSize !== undefined && img.legacyInitSize !== img.length) {
    out.push(`    legacy header size ${img.legacyInitSize} bytes (PCIR says ${img.length})`);
  }
  const sum = `0x${img.checksum.sum.toString(16).padStart(2, '0')}`;
  if (img.checksum.required) {
    out.push(
      `    checksum ${sum}: ${img.checksum.ok ? c.green('ok') : c.red('bad (legacy images must sum to 0)')}`,
    );
  } else {
    out.push(`    checksum ${sum} (no rule for ${p.codeType === 3 ? 'EFI' : 'non-legacy'} images)`);
  }
  if (img.efi) {
    const e = img.efi;
    const h = e.header;
    out.push(
      `    EFI: signature ${hex(h.signature)} ${h.signatureValid ? 'valid' : c.red('NOT valid')}, ${h.subsystemName} (${h.subsystem}), machine ${h.machineName} (${hex(h.machine)}), ${h.compressed ? 'compressed' : h.compressionType === 0 ? 'uncompressed' : `compression ${h.compressionType}`}, image header @ +${hex(h.imageHeaderOffset)}, initialization size ${h.initializationSize}`,
    );
    if (e.compressedSize !== undefined) {
      out.push(
        `    EFI compression: ${e.compressedSize} bytes${e.decompressedSize !== undefined ? ` → ${e.decompressedSize} bytes (${e.decompression === 'full' ? 'decoded in full' : 'decoded up to the PE headers only'})` : ' (not decompressed)'}`,
      );
    }
    if (e.pe) {
      const pe = e.pe;
      out.push(
        pe.valid
          ? `    PE: ${pe.format}, machine ${pe.machineName}, subsystem ${pe.subsystemName}, SizeOfImage ${pe.sizeOfImage}, ${pe.sections.length} sections fit`
          : `    PE: ${c.red(`invalid: ${pe.problems.join('; ')}`)}`,
      );
    }
    if (e.error) out.push(`    ${c.red(`EFI payload: ${e.error}`)}`);
  }
  return out;
}

export function renderRom(
  ctx: CliContext,
  name: string,
  model: RomModel,
  verdict: UefiVerdict,
  ids?: IdCheck,
): void {
  const { c } = ctx;
  // One write for the whole report: a line per write costs a syscall each on a pipe or file.
  const lines: string[] = [];
  const out = (l = '') => lines.push(l);
  out(
    c.bold(
      `${name}: ${model.size} bytes, ${model.images.length} image${model.images.length === 1 ? '' : 's'}`,
    ),
  );
  if (model.romStart !== null) {
    out(
      `  ROM extent ${hex(model.romStart)}..${hex(model.romEnd)} (${model.romEnd - model.romStart} bytes)${model.vendorHeaderLength ? `, after a ${model.vendorHeaderLength}-byte vendor header` : ''}`,
    );
  }
  for (const img of model.images) for (const l of imageLines(ctx, img)) out(`  ${l}`);
  if (model.strayCount > model.strays.length) {
    out(`  ${model.strayCount} stray 55 AA signatures in all (${model.strays.length} listed below)`);
  }
  if (ids) {
    out(
      ids.matches
        ? `  IDs: images ${ids.matchingImages.join(', ')} match ${ids.device}${ids.mismatchingImages.length ? `; images ${ids.mismatchingImages.join(', ')} carry other IDs` : ''}`
        : `  IDs: ${c.red(`no image matches ${ids.device}`)}`,
    );
  }
  const mark = { error: c.red('error'), warning: c.yellow('warning'), info: c.dim('note') };
  for (const f of model.findings) out(`  ${mark[f.severity]}: ${f.message}`);
  out('  why:');
  for (const r of verdict.reasons) out(`    - ${r}`);
  const answer = { yes: c.green('yes'), no: c.red('no'), unknown: c.yellow('unknown') }[verdict.uefi];
  out(`UEFI (OVMF) boot support: ${answer}`);
  ctx.out(lines.join('\n'));
}
