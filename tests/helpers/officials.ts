import type { Role } from "../../shared/constants/roles.js";
import type { TestApp } from "./app.js";

export interface Person {
  /** The key of their token in the answer, and their learner row's name. */
  name: string;
  zaloUserId: string;
  /** None: signed in, but no official. */
  role?: Role;
  areaCode?: string;
}

/**
 * People beyond the sandbox's five users, each signed in by a session of a learner row of their own, with the role
 * given: the officials of a test. Returns their session tokens by name.
 */
export async function signedInPeople(t: TestApp, people: Person[], at: string): Promise<Record<string, string>> {
  const db = t.testDb.db.db;
  const tokens: Record<string, string> = {};
  for (const p of people) {
    const id = `person-${p.zaloUserId}`;
    await db
      .insertInto("learners")
      .values({ id, zalo_user_id: p.zaloUserId, name: p.name, id_by_oa: null, ref_code: null, created_at: at, updated_at: at, name_consent_at: null })
      .execute();
    if (p.role)
      await db
        .insertInto("roles")
        .values({ zalo_user_id: p.zaloUserId, role: p.role, area_code: p.areaCode ?? "", granted_by: "test", granted_at: at })
        .execute();
    tokens[p.name] = t.app.services.sessions.issue(id).token;
  }
  return tokens;
}
