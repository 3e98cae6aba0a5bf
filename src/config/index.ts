export { ConfigSchema, type Igny8Config, type Igny8ConfigInput } from './config.schema.js';
export { defineConfig } from './define-config.js';
export { ENV_OVERRIDES, applyEnvOverrides } from './env-overrides.js';
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from './load-config.js';
export { maskConfig, maskSecret } from './mask-config.js';
export { parseConfig, validateConfig, type ConfigProblem, type ConfigValidation } from './validate-config.js';
