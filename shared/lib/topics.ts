/** A news topic a follower subscribes to and a campaign is sent on. */
export interface Topic {
  id: string;
  title: string;
}

/** The one topic that is not a skill of the course. */
export const GOVERNMENT_TOPIC: Topic = { id: "chinh-quyen", title: "Tin chính quyền" };

/** The topics, in the order the OA numbers them: each skill (by its short name), then the government's news. */
export function topicsOf(skills: readonly { id: string; short: string }[]): Topic[] {
  return [...skills.map((s) => ({ id: s.id, title: s.short })), GOVERNMENT_TOPIC];
}
