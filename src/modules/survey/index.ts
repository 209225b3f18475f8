// The public surface of this module for other modules (style.md §1): they import from here, never from repo.ts.
export { listItems, listWaves, type ItemRow, type WaveRow } from './repo.js';
