export { lowerToPostgres, Lowering } from './lowering/lowering.js';
export { columnDefinition } from './lowering/lower-table.js';
