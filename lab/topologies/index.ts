import { UsageError } from '../../src/errors.js';
import type { LabTopology } from '../topology.js';
import { desktop } from './desktop.js';
import { legacy } from './legacy.js';
import { noacs } from './noacs.js';
import { server } from './server.js';

/** The topologies the lab suite boots, in the order it boots them. */
export const topologies: LabTopology[] = [desktop, server, legacy, noacs];

export function topologyByName(name: string): LabTopology {
  const t = topologies.find((x) => x.name === name);
  if (!t) {
    throw new UsageError(`unknown lab topology: ${name}`, {
      hint: `one of ${topologies.map((x) => x.name).join(', ')}`,
    });
  }
  return t;
}
