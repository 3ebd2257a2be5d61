export * from './errors.js';
export * from './definition.js';
export * from './checked.js';
export { checkModel, unitsAgree } from './check.js';
export { parseFormula } from './parser.js';
export * from './data.js';
export * from './space.js';
export * from './evaluate.js';
export * from './tables.js';
