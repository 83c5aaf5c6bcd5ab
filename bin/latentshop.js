#!/usr/bin/env node
// The built CLI (vite: main/cli/main.ts → dist-electron/cli.js) runs on import.
import '../dist-electron/cli.js';
