import { useLocation, useNavigate } from "zmp-ui";
import { useAppState } from "../state/store";
import { SvgIcon, type IconName } from "./icons";

const TABS: readonly { path: string; label: string; icon: IconName }[] = [
  { path: "/", label: "Trang chủ", icon: "home" },
  { path: "/progress", label: "Tiến độ", icon: "chart" },
  { path: "/about", label: "Giới thiệu", icon: "info" },
];
/** Only for officials (GET /api/v1/admin/me lists at least one role). */
const ADMIN_TAB = { path: "/admin", label: "Quản trị", icon: "admin" } as const;

export function NavBar() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const official = useAppState((s) => s.adminRoles.length > 0);
  const tabs = official ? [...TABS, ADMIN_TAB] : TABS;
  return (
    <nav className="nav-bar" aria-label="Điều hướng chính">
      {tabs.map((t) => {
        const active = pathname === t.path;
        return (
          <button
            key={t.path}
            type="button"
            className={`nav-bar__item${active ? " is-active" : ""}`}
            aria-current={active ? "page" : undefined}
            onClick={() => !active && navigate(t.path, { animate: false } as never)}
          >
            <SvgIcon name={t.icon} />
            <span>{t.label}</span>
          </button>
        );
      })}
    </nav>
  );
}
