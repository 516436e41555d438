// Regenerates the reference sections of README.md from the mapping tables (needs `npm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { updateReadme } from '../dist/docs/reference.js';

const readme = readFileSync('README.md', 'utf8');
const next = updateReadme(readme);
if (next !== readme) writeFileSync('README.md', next);
console.log(next === readme ? 'README.md is current' : 'README.md updated');
