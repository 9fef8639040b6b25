import { store } from "../lib/zalo";
import { getState } from "../state/store";

/** Campaigns saved on this phone, newest first: the API has no list of campaigns to come back to. */
export interface RecentCampaign {
  id: number;
  title: string;
  savedAt: string;
}

const key = () => `ksc.adminRecent.${getState().session?.learner.id ?? "anon"}`;

export function recentCampaigns(): RecentCampaign[] {
  const list = store.get<RecentCampaign[]>(key(), []);
  return Array.isArray(list) ? list : [];
}

export function rememberCampaign(c: RecentCampaign): void {
  store.set(key(), [c, ...recentCampaigns().filter((x) => x.id !== c.id)].slice(0, 10));
}
