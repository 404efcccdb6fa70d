"use client";

import Link from "next/link";
import type { ConsoleMember } from "@/components/console/types";
import type { FeedStatus } from "@/components/console/use-case-feed";
import { Button } from "@/components/ui/button";

type Props = {
  me: ConsoleMember;
  online: number | null;
  presence: "online" | "away";
  onToggleAway: () => void;
  sound: "off" | "on" | "blocked";
  onSound: () => void;
  feed?: FeedStatus;
  onHelp: () => void;
  onSignOut: () => void;
  current: "queue" | "history" | "replies";
};

const feedText: Record<FeedStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  denied: "Signed out",
};

/** Who you are, whether you count as online, sound, and the way out. */
export function TopBar({ me, online, presence, onToggleAway, sound, onSound, feed, onHelp, onSignOut, current }: Props) {
  return (
    <header className="cx-top">
      <div className="cx-brand">
        <Link href="/console">Switchboard</Link>
      </div>
      <nav aria-label="Console" className="cx-nav">
        <Link href="/console" aria-current={current === "queue" ? "page" : undefined}>
          Queue
        </Link>
        <Link href="/console/history" aria-current={current === "history" ? "page" : undefined}>
          History
        </Link>
        <Link href="/console/canned-replies" aria-current={current === "replies" ? "page" : undefined}>
          Canned replies
        </Link>
        {me.role === "admin" && <Link href="/admin">Admin</Link>}
      </nav>
      <span className="cx-spacer" />
      {feed && (
        <span className={`cx-feed cx-feed-${feed}`} role="status" aria-label={`Updates: ${feedText[feed]}`} data-testid="feed-status">
          <span aria-hidden="true" className="cx-dot" />
          {feedText[feed]}
        </span>
      )}
      <span className="cx-online" data-testid="online-count" aria-live="polite">
        {online === null ? "—" : online} online
      </span>
      <Button variant={presence === "away" ? "danger" : "ghost"} size="sm" aria-pressed={presence === "away"} onClick={onToggleAway}>
        {presence === "away" ? "Away — go online" : "Online — set away"}
      </Button>
      {current === "queue" && (
        <Button
          variant={sound === "on" ? "ghost" : "primary"}
          size="sm"
          className="cx-sound"
          onClick={onSound}
          aria-pressed={sound === "on"}
        >
          {sound === "on" ? "Sound on" : sound === "blocked" ? "Sound blocked — retry" : "Enable sound"}
        </Button>
      )}
      <Button variant="ghost" size="sm" onClick={onHelp} aria-label="Keyboard shortcuts">
        ?
      </Button>
      <Link className="cx-me" href="/account/password" title={`${me.email} — change password`}>
        {me.name || me.email}
      </Link>
      <Button variant="ghost" size="sm" onClick={onSignOut}>
        Sign out
      </Button>
    </header>
  );
}
