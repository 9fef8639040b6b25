/** Officials' roles (zod-free, so that the mini app can name them without shipping zod). */
export const ROLES = ["operator", "province_official", "commune_official"] as const;
export type Role = (typeof ROLES)[number];

/** Vietnamese names of the roles, for screens. */
export const ROLE_TITLES: Record<Role, string> = {
  operator: "Người vận hành",
  province_official: "Cán bộ tỉnh",
  commune_official: "Cán bộ xã",
};
