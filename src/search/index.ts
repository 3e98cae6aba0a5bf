export { createSearchService, type SearchInput, type SearchService } from './search.service.js';
export { likePattern } from './search.repository.js';
