import type { ReactNode } from "react";
import { useNavigate } from "zmp-ui";
import { SvgIcon } from "./icons";

interface Props {
  title: string;
  back?: boolean | string;
  right?: ReactNode;
}

/** The page header: a labelled back button (zmp-ui's Header has none) and a title older eyes can read. */
export function AppHeader({ title, back = false, right }: Props) {
  const navigate = useNavigate();
  return (
    <header className="app-header">
      {back ? (
        <button
          type="button"
          className="icon-button"
          aria-label="Quay lại"
          onClick={() => (typeof back === "string" ? navigate(back, { direction: "backward" } as never) : navigate(-1))}
        >
          <SvgIcon name="back" />
        </button>
      ) : null}
      <h1 className="app-header__title">{title}</h1>
      {right}
    </header>
  );
}
