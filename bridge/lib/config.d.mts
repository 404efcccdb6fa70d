// Types for config.mjs (the bridge ships as plain JavaScript; this lets TypeScript callers and tests check it).
export declare class BridgeConfigError extends Error {
  constructor(message: string, exitCode?: number);
  exitCode: number;
}
export declare const USAGE: string;
export declare function parseArgs(argv: string[]): {
  url?: string;
  key?: string;
  config?: string;
  timeout?: string;
  help?: boolean;
  version?: boolean;
};
export declare function defaultConfigPath(env: Record<string, string | undefined>): string;
export declare function endpointUrl(raw: string, source: string): URL;
export declare function resolveConfig(
  argv: string[],
  env: Record<string, string | undefined>,
): {
  help?: boolean;
  version?: boolean;
  url: URL;
  key: string;
  keySource: string;
  urlSource: string;
  timeoutMs: number;
  configPath: string;
};
