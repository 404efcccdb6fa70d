"use client";

import { useEffect, useState } from "react";
import { memoryApi } from "@/components/console/memory-api";
import type { ConsoleCase, ConsoleMember } from "@/components/console/types";
import { namesCallerSpecificData } from "@/lib/domains/memory/caller-specific";

const prefKey = (memberId: string) => `sb.memory.save.${memberId}`;

/**
 * "Save as a reusable answer": on by default, remembered per operator (this browser), and off for a case
 * whose question or answer names the caller's own booking, name or number — the operator may still tick it
 * for that case (the choice for one case is not remembered as the habit).
 */
export function useSaveToMemory(me: ConsoleMember, c: ConsoleCase | null, draft: string) {
  const [pref, setPref] = useState(true);
  const [override, setOverride] = useState<{ caseId: string; on: boolean } | null>(null);
  useEffect(() => {
    const stored = window.localStorage.getItem(prefKey(me.id));
    if (stored !== null) setPref(stored === "on");
  }, [me.id]);
  const callerName = typeof c?.callerInfo?.name === "string" ? c.callerInfo.name : null;
  const specific = c ? namesCallerSpecificData([c.question, draft], callerName) : false;
  const forCase = override && override.caseId === c?.id ? override.on : null;
  const checked = forCase ?? (pref && !specific);

  const setChecked = (on: boolean) => {
    if (!c) return;
    setOverride({ caseId: c.id, on });
    if (!specific) {
      setPref(on);
      window.localStorage.setItem(prefKey(me.id), on ? "on" : "off");
    }
  };

  /** After the answer went out: keep it when the box is ticked. A failure never affects the answer sent. */
  const saveIfWanted = async (caseId: string, answer: string): Promise<boolean> => {
    if (!checked || c?.id !== caseId) return false;
    try {
      await memoryApi.saveFromCase(caseId, answer);
      return true;
    } catch {
      return false;
    }
  };

  return { checked, specific, setChecked, saveIfWanted };
}
export type SaveToMemory = ReturnType<typeof useSaveToMemory>;
