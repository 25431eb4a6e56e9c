import type { Command } from 'commander';
import { action } from '../context.js';

export function registerReport(program: Command): void {
  program.action(
    action(async (ctx) => {
      const { runReport } = await import('./report.js');
      return runReport(ctx);
    }),
  );
}
