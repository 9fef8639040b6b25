/** Where a conversation stands, stored with the subscriber between messages. */
export type DialogueState =
  | { mode: "consent"; then: "subscribe" | null }
  | { mode: "topics" }
  | { mode: "commune"; topics: string[]; candidates: string[] }
  | { mode: "quiz"; items: { lessonId: string; questionId: string }[]; index: number; correct: number };

export function parseState(raw: string | null): DialogueState | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as DialogueState;
  } catch {
    return null;
  }
}
