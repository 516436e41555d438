export { lowerToPostgres, Lowering, type SchemaContext } from './lowering/lowering.js';
export { columnDefinition } from './lowering/lower-table.js';
