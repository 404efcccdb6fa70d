"use client";

import { CannedRepliesManager } from "@/components/admin/canned-replies/canned-replies-manager";
import { ConsoleFrame } from "@/components/console/console-frame";
import { useHelpOnlyShortcuts } from "@/components/console/use-shortcuts";
import type { ConsoleMember } from "@/components/console/types";

/** /console/canned-replies inside the console's own frame; the admin page shows the very same manager. */
export function CannedRepliesApp({ me }: { me: ConsoleMember }) {
  const [helpOpen, setHelpOpen] = useHelpOnlyShortcuts();
  return (
    <ConsoleFrame me={me} current="replies" helpOpen={helpOpen} setHelpOpen={setHelpOpen}>
      <div className="cx-page">
        <h1 className="cx-pane-title">Canned replies</h1>
        <CannedRepliesManager />
      </div>
    </ConsoleFrame>
  );
}
