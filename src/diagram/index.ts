/** ER diagrams of a translated schema. */
export { entityName, erDiagram, type DiagramOptions } from './mermaid.js';
