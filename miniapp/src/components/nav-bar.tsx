import { useLocation, useNavigate } from "zmp-ui";
import { SvgIcon } from "./icons";

const TABS = [
  { path: "/", label: "Trang chủ", icon: "home" },
  { path: "/progress", label: "Tiến độ", icon: "chart" },
  { path: "/about", label: "Giới thiệu", icon: "info" },
] as const;

export function NavBar() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <nav className="nav-bar" aria-label="Điều hướng chính">
      {TABS.map((t) => {
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
