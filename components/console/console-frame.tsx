"use client";

import type { ReactNode } from "react";
import { consoleApi } from "@/components/console/api-client";
import { ShortcutsDialog } from "@/components/console/shortcuts-dialog";
import { TopBar } from "@/components/console/top-bar";
import type { useAlerts } from "@/components/console/use-alerts";
import type { FeedStatus } from "@/components/console/use-case-feed";
import { usePresence } from "@/components/console/use-presence";
import type { ConsoleMember } from "@/components/console/types";

type Props = {
  me: ConsoleMember;
  current: "queue" | "history" | "replies";
  feed?: FeedStatus;
  alerts?: ReturnType<typeof useAlerts>;
  helpOpen: boolean;
  setHelpOpen: (v: boolean) => void;
  children: ReactNode;
};

/** Chrome shared by the console pages: top bar with presence, the shortcuts dialog and the live region. */
export function ConsoleFrame({ me, current, feed, alerts, helpOpen, setHelpOpen, children }: Props) {
  const presence = usePresence();
  return (
    <div className="cx-app">
      <a href="#main" className="cx-skip">
        Skip to the main content
      </a>
      <TopBar
        me={me}
        online={presence.online}
        presence={presence.status}
        onToggleAway={presence.toggleAway}
        sound={alerts?.sound ?? "off"}
        onSound={() => void alerts?.toggleSound()}
        feed={feed}
        onHelp={() => setHelpOpen(true)}
        onSignOut={() => void consoleApi.signOut()}
        current={current}
      />
      <main id="main" className="cx-main">
        {children}
      </main>
      <div className="cx-sr" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {alerts?.announcement}
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
