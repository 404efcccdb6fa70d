import pino from "pino";
import { getConfig } from "@/lib/platform/config/env";
import { scrubLogRecord } from "@/lib/platform/log-safe-error";

export { errorForLog } from "@/lib/platform/log-safe-error";

/**
 * Structured JSON logs. Secrets are redacted by path wherever they could appear; database errors lose
 * their query parameters wherever they appear (lib/platform/log-safe-error.ts).
 */
let base: pino.Logger | undefined;
let destination: pino.DestinationStream | undefined;

/** Tests: write logs to `dest` (undefined: back to stdout). */
export function setLogDestination(dest: pino.DestinationStream | undefined): void {
  destination = dest;
  base = undefined;
}

export function logger(): pino.Logger {
  if (base) return base;
  const options: pino.LoggerOptions = {
    level: getConfig().LOG_LEVEL,
    base: { service: "switchboard" },
    // Errors are turned into plain records here (pino's own err serializer would fold a cause's message back in).
    formatters: { log: (record) => scrubLogRecord(record) as Record<string, unknown> },
    serializers: { err: (v: unknown) => v },
    redact: {
      paths: [
        "token",
        "apiKey",
        "password",
        "secret",
        "authorization",
        "*.token",
        "*.apiKey",
        "*.password",
        "*.secret",
        "*.authorization",
        "headers.authorization",
        "headers.cookie",
      ],
      censor: "[redacted]",
    },
  };
  base = destination ? pino(options, destination) : pino(options);
  return base;
}

export const log = {
  child: (bindings: Record<string, unknown>) => logger().child(bindings),
  info: (obj: Record<string, unknown>, msg: string) => logger().info(obj, msg),
  warn: (obj: Record<string, unknown>, msg: string) => logger().warn(obj, msg),
  error: (obj: Record<string, unknown>, msg: string) => logger().error(obj, msg),
  debug: (obj: Record<string, unknown>, msg: string) => logger().debug(obj, msg),
};
