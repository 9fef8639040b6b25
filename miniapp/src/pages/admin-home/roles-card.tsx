import type { RoleView } from "../../../../shared/schemas/admin";
import { ROLE_TITLES, roleArea } from "../../admin/format";

export function RolesCard({ roles }: { roles: RoleView[] }) {
  return (
    <section className="card" aria-labelledby="roles-title">
      <h2 id="roles-title" className="card__title">
        Vai trò của tôi
      </h2>
      <ul className="role-list">
        {roles.map((r) => (
          <li key={`${r.role}:${r.areaCode}`} className="role-list__item">
            <span className="role-list__role">{ROLE_TITLES[r.role]}</span>
            <span className="role-list__area">{roleArea(r)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
