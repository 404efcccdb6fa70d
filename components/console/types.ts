import type { PublicCase, PublicMessage } from "@/lib/domains/hitl/schemas";
import type { PublicCannedReply } from "@/lib/domains/canned-replies/schemas";

export type ConsoleCase = PublicCase;
export type ConsoleMessage = PublicMessage;
export type CannedReply = PublicCannedReply;

/** What the page hands the client about the signed-in member (no secrets). */
export type ConsoleMember = { id: string; name: string; email: string; role: "operator" | "admin" };
