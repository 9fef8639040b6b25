import type { Clock } from "../lib/clock.js";
import type { Repositories } from "../repositories/index.js";

/**
 * Approximate points of a few central wards, so that "send a location" can be tried in the sandbox. Demo data only:
 * they are rounded map readings, never loaded in Zalo mode, where the operator imports the province's table.
 */
const DEMO_POINTS: Array<[code: string, latitude: number, longitude: number]> = [
  ["00004", 21.0368, 105.8345], // Phường Ba Đình, Hà Nội
  ["00008", 21.0405, 105.8197], // Phường Ngọc Hà, Hà Nội
  ["00070", 21.0285, 105.8522], // Phường Hoàn Kiếm, Hà Nội
  ["26740", 10.7797, 106.699], // Phường Sài Gòn, Thành phố Hồ Chí Minh
  ["26743", 10.7721, 106.6983], // Phường Bến Thành, Thành phố Hồ Chí Minh
];

export async function seedDemoCommunePoints(repos: Repositories, clock: Clock): Promise<void> {
  if ((await repos.communePoints.count()) > 0) return;
  const at = clock.now().toISOString();
  await repos.transaction(async (r) => {
    for (const [code, latitude, longitude] of DEMO_POINTS)
      await r.communePoints.set({ commune_code: code, latitude, longitude, source: "import", updated_by: "sandbox-demo", updated_at: at });
  });
}
