export { loadMasterKey } from './master-key.js';
export { createLazySecretBox, createSecretBox, type SecretBox } from './secret-box.js';
