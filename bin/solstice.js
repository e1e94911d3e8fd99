#!/usr/bin/env node
// The `solstice` command line (npx solstice …): the bundled engine, no dependencies to install.
import '../dist/cli.js';
