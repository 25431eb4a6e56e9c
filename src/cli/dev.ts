// Development entry: `tsx src/cli/dev.ts ARGS` runs the CLI from source without bundling.
import { main } from './main.js';

process.exitCode = await main(process.argv);
