import Link from "next/link";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/platform/errors";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { getDeps } from "@/lib/composition/deps";
import { getCallDetails, getCallEvents } from "@/lib/domains/calls/get-call";
import { getCallEscalations } from "@/lib/domains/calls/call-escalations";
import { getRecordingLink } from "@/lib/domains/calls/recording-link";
import { CallStatusBadge } from "@/components/admin/call-status-badge";
import { CallTranscript } from "@/components/admin/call-transcript";
import { CallTimeline } from "@/components/admin/call-timeline";
import { formatWhen } from "@/components/admin/format";

export const metadata = { title: "Call · Admin · Switchboard" };

export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requireAdminPage();
  const { id } = await params;
  const deps = await getDeps();
  const call = await getCallDetails(deps, me, id).catch((e) => {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  });
  const [events, escalations, recording] = await Promise.all([
    getCallEvents(deps, me, id),
    getCallEscalations(deps, me, call),
    call.recordingAvailable ? getRecordingLink(deps, me, id).catch(() => null) : null,
  ]);
  // The signed link is absolute (for agents); the browser gets the same path on whatever host it used.
  const audioSrc = recording ? new URL(recording.url).pathname + new URL(recording.url).search : null;
  const facts: Array<[string, string]> = [
    ["Number", call.phoneNumber ?? "— (web call)"],
    ["Placed", formatWhen(call.createdAt)],
    ["Answered", formatWhen(call.answeredAt)],
    ["Ended", formatWhen(call.endedAt)],
    ["Duration", call.durationSeconds === null ? "—" : `${call.durationSeconds} s`],
    ["Cost", call.cost === null ? `${call.heldCredits} credits held` : `${call.cost} credits`],
    ["Rate", `${call.ratePerMinute} credits / started minute`],
    ["Voice · model", `${call.voice} · ${call.model}`],
    // Some providers' call ids are long tokens: the start is enough to find it in their dashboard.
    [
      "Provider",
      `${call.provider}${call.providerCallId ? ` · ${call.providerCallId.length > 24 ? `${call.providerCallId.slice(0, 24)}…` : call.providerCallId}` : ""}`,
    ],
    ["End reason", call.endReason ?? "—"],
  ];
  const r = call.platform;
  const platformName = r?.provider === "vapi" ? "Vapi" : "Retell";
  if (r) {
    facts.push(
      ["Direction", r.direction ?? "—"],
      ["From → to", `${r.fromNumber ?? "—"} → ${r.toNumber ?? "—"}`],
      [r.provider === "vapi" ? "Vapi assistant" : "Retell agent", r.agentId ?? "—"],
    );
    const a = r.callAnalysis;
    if (a && typeof a.user_sentiment === "string") facts.push(["Caller sentiment", a.user_sentiment]);
    if (a && typeof a.call_successful === "boolean") facts.push(["Call successful", a.call_successful ? "yes" : "no"]);
  }
  const title =
    r?.direction === "inbound"
      ? `Call from ${call.phoneNumber ?? "a caller"}`
      : call.phoneNumber
        ? `Call to ${call.phoneNumber}`
        : "Web call";
  return (
    <>
      <p>
        <Link href="/admin/calls">← All calls</Link>
      </p>
      <h1>
        {title} <CallStatusBadge status={call.status} />
      </h1>
      <dl className="adm-facts card" data-testid="call-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h2>Task</h2>
      <p style={{ whiteSpace: "pre-wrap" }}>{call.task}</p>
      {call.summary && (
        <>
          <h2>Summary</h2>
          <p style={{ whiteSpace: "pre-wrap" }}>{call.summary}</p>
        </>
      )}
      <h2>Recording</h2>
      {audioSrc ? (
        <>
          {/* biome-ignore lint/a11y/useMediaCaption: phone recordings have no caption track; the transcript is on this page */}
          <audio
            controls
            preload="metadata"
            src={audioSrc}
            data-testid="call-recording"
            aria-describedby={call.provider === "simulator" ? "rec-note" : undefined}
          >
            <a href={audioSrc}>Download the recording</a>
          </audio>
          {call.provider === "simulator" && (
            <p id="rec-note" className="adm-muted" data-testid="recording-note">
              Simulated call: this recording is a 4-second placeholder of tones, not the audio of this {call.durationSeconds ?? 0} s call. A
              real provider records the conversation.
            </p>
          )}
        </>
      ) : r?.recordingUrl ? (
        <p>
          <a href={r.recordingUrl} rel="noreferrer noopener" target="_blank" data-testid="retell-recording">
            Recording at {platformName}
          </a>
        </p>
      ) : (
        <p className="adm-muted">{call.record ? "The recording is not available yet." : "This call was not recorded."}</p>
      )}
      <div className="adm-grid2" style={{ marginTop: "1rem" }}>
        <section aria-labelledby="t-h">
          <h2 id="t-h">Transcript</h2>
          {escalations.length > 0 && (
            <p className="adm-muted">
              {escalations.length} question{escalations.length > 1 ? "s" : ""} escalated to a person during this call, shown where they were
              asked.
            </p>
          )}
          <CallTranscript turns={call.transcript} escalations={escalations} />
        </section>
        <section aria-labelledby="e-h">
          <h2 id="e-h">Events</h2>
          <CallTimeline events={events} />
        </section>
      </div>
    </>
  );
}
