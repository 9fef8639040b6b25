import type { RoleView } from "../../../../shared/schemas/admin";
import { ROLE_TITLES } from "../../../../shared/constants/roles";
import { roleArea } from "../../admin/format";
import { Card } from "../../components/card";

export function RolesCard({ roles }: { roles: RoleView[] }) {
  return (
    <Card id="roles-title" title="Vai trò của tôi">
      <ul className="role-list">
        {roles.map((r) => (
          <li key={`${r.role}:${r.areaCode}`} className="role-list__item">
            <span className="role-list__role">{ROLE_TITLES[r.role]}</span>
            <span className="role-list__area">{roleArea(r)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
