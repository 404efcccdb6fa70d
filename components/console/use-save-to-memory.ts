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
  const specific = c ? namesCallerSpecificData([c.question, draft], callerNameOf(c)) : false;
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

  /**
   * After the answer went out: keep it when the box is ticked. A case answered from the queue with a digit
   * (never shown open here, so no box was seen) follows the same default the box would have shown: the
   * operator's habit, off when the question or answer names the caller's own data, or what was ticked for
   * that case if it was open earlier. A failure never affects the answer sent.
   */
  const saveIfWanted = async (target: ConsoleCase, answer: string): Promise<boolean> => {
    const wanted = target.id === c?.id ? checked : override?.caseId === target.id ? override.on : saveByDefault(pref, target, answer);
    if (!wanted) return false;
    try {
      await memoryApi.saveFromCase(target.id, answer);
      return true;
    } catch {
      return false;
    }
  };

  return { checked, specific, setChecked, saveIfWanted };
}
const callerNameOf = (c: ConsoleCase) => (typeof c.callerInfo?.name === "string" ? c.callerInfo.name : null);

/** The box's default for a case: the operator's habit, unless the question or the answer names the caller's own data. */
export function saveByDefault(pref: boolean, c: Pick<ConsoleCase, "question" | "callerInfo">, answer: string): boolean {
  return pref && !namesCallerSpecificData([c.question, answer], callerNameOf(c as ConsoleCase));
}

export type SaveToMemory = ReturnType<typeof useSaveToMemory>;
