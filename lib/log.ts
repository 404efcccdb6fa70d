import pino from "pino";
import { getConfig } from "@/lib/config/env";

/** Structured JSON logs. Secrets are redacted by path wherever they could appear. */
let base: pino.Logger | undefined;

export function logger(): pino.Logger {
  base ??= pino({
    level: getConfig().LOG_LEVEL,
    base: { service: "switchboard" },
    redact: {
      paths: ["token", "apiKey", "password", "secret", "authorization", "*.token", "*.apiKey", "*.password", "*.secret", "*.authorization", "headers.authorization", "headers.cookie"],
      censor: "[redacted]",
    },
  });
  return base;
}

export const log = {
  child: (bindings: Record<string, unknown>) => logger().child(bindings),
  info: (obj: Record<string, unknown>, msg: string) => logger().info(obj, msg),
  warn: (obj: Record<string, unknown>, msg: string) => logger().warn(obj, msg),
  error: (obj: Record<string, unknown>, msg: string) => logger().error(obj, msg),
  debug: (obj: Record<string, unknown>, msg: string) => logger().debug(obj, msg),
};
