#!/usr/bin/env node
// The ≤10-line entry: load the built CLI and hand it argv. Build with `npm run build`.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
