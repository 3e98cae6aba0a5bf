/**
 * The planner's calls that load on first use (P11): keyword import (parsers, decoders, its worker),
 * local clustering and ideas. One module, so the CLI bundle makes one chunk of them, not three.
 */
export { importKeywords } from './keyword-import.service.js';
export { clusterLocal } from './cluster-local.service.js';
export { getIdea, listIdeas } from './ideas.service.js';
