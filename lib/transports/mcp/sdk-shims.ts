/**
 * What the app build resolves `@modelcontextprotocol/server/_shims` to (next.config.ts `turbopack.resolveAlias`).
 * The SDK's Node shims make ajv (about 145 KiB in /api/mcp) its default JSON Schema validator; it validates only
 * JSON Schemas given to the SDK as such (elicitation forms, `fromJsonSchema`), and our tools give zod schemas.
 * The SDK's own lighter validator, the one it ships for Workers and browsers (@cfworker/json-schema), does
 * that job here, so nothing loses validation. Tests and the CLI run unbundled and keep the SDK's default.
 */
import process from "node:process";

export { CfWorkerJsonSchemaValidator as DefaultJsonSchemaValidator } from "@modelcontextprotocol/server/validators/cf-worker";
export { process };
