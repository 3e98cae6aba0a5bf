// Source entry for development and tests (`node --import tsx cli/run.ts …`); bin/igny8.js loads the build.
import { main } from './main.js';

process.exitCode = await main(process.argv);
