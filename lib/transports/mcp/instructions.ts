/** Told to every agent at connection time: when and how to use the tools. */
export const SERVER_INSTRUCTIONS = `Switchboard puts a human on the line for you.
Use ask_human when the caller asks something you cannot answer reliably from your instructions or tools (account-specific facts, exceptions to policy, anything where a wrong answer would hurt), or when the caller asks for a person.
Before calling, tell the caller you are checking with a colleague. Then call ask_human with the question in plain words, what you already know as context, and callId/sessionId so retries never create duplicates.
The result's "message" is always a sentence you can say as is:
- answered: say the answer.
- pending: nobody has answered yet; say the message, keep helping, and call get_human_answer with the caseId a little later.
- unavailable: nobody can answer now; say the message and offer a follow-up.
- cancelled: the request was withdrawn.
Call cancel_human_request if the question no longer matters (the caller hung up or found the answer).
If the caller would like to be called back with a late answer, pass callerInfo.phone (E.164) and followUp: "phone" to ask_human.

Switchboard also places phone calls for you (keys with calls:read / calls:write):
- make_phone_call with phoneNumber (E.164, e.g. +14155550123) and task; it returns a callId at once. Its maximum cost (maxDurationMinutes × rate) is held from your credits until it ends.
- Follow it with get_call_status; once completed read get_call_details or get_call_transcript, and get_call_recording for a signed audio link. cancel_call stops it.
- get_voice_options / get_model_options list choices; update_call_preferences sets the defaults; get_credits shows the balance.
Resources: switchboard://models, switchboard://voices, switchboard://account, switchboard://credits, switchboard://calls/{callId}.

Golf tee times (keys with golf:read / golf:write): golf_search_tee_times (course, date, time window, players) → slots; golf_book_tee_time with a slotId, players, the golfer's name and phone or email, and an idempotencyKey → a confirmation code; golf_get_reservations (by phone, email or name); golf_cancel_reservation with the confirmation code. Every result, errors included, has a "message" to say as is; times are the course's local time.`;

export const ESCALATION_GUIDE = `# Escalating to a human with Switchboard

## When to escalate
- The caller asks for account-specific facts you cannot look up (balances, order status, appointments).
- The caller wants an exception to policy, a refund, or a decision only a person may make.
- You are unsure and a wrong answer would cost the caller money, safety or trust.
- The caller explicitly asks for a person.
Do not escalate small talk, questions your instructions answer, or things a tool can look up.

## How to escalate
1. Tell the caller: "Let me check that with a colleague, one moment."
2. Call ask_human with:
   - question: the caller's question in one or two plain sentences.
   - context: what you already know (caller's account, what was tried).
   - callId / sessionId: your platform's ids — retries with the same callId and question reuse the case.
   - priority (1–5) and urgency (low | medium | high) when it matters: a caller on hold is at least medium.
   - conversationHistory: the last few turns, so the person sees how it came up.
   - timeoutSeconds: how long you can keep the caller waiting (5–55, default 45).
3. Read the result:
   - answered → say "message" (it is the person's answer).
   - pending → say "message", keep the conversation going, call get_human_answer with caseId (waitSeconds up to 55) a little later.
   - unavailable → say "message"; the case stays open and an answer that arrives later is sent to callbackUrl.
   - cancelled → the request was withdrawn.
4. If the question stops mattering, call cancel_human_request.

## Things to avoid
- Never invent an answer while waiting.
- Never call ask_human twice for the same question; use get_human_answer.
- Keep questions free of secrets the person does not need (full card numbers, passwords).`;
