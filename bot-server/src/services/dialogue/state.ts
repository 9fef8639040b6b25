/** Where a conversation stands, stored with the subscriber between messages. */
export type DialogueState =
  | { mode: "consent"; then: "subscribe" | null }
  | { mode: "topics" }
  | { mode: "commune"; topics: string[]; candidates: string[] }
  /** seed: the order options are shown in (shared/lib/shuffle.ts); a state stored before it had one shows them as written. */
  | { mode: "quiz"; items: { lessonId: string; questionId: string }[]; index: number; correct: number; seed?: string };

/** The stored state (the subscriber's dialogue column, parsed), or null when there is none or it is not a state. */
export function stateOf(stored: unknown): DialogueState | null {
  return stored !== null && typeof stored === "object" && "mode" in stored ? (stored as DialogueState) : null;
}
