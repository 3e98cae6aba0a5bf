/** The API version reported by /health and the OpenAPI document (the package version). */
export const SERVER_VERSION = '0.1.0';
