import type { RoleView } from "../../../../shared/schemas/admin";
import type { PickedCommune } from "../../admin/commune-picker";

export type ButtonKind = "none" | "link" | "lesson";

/** What the official types, as typed (validate.ts turns it into a draft). */
export interface Form {
  title: string;
  text: string;
  area: string;
  /** The operator's own area code, when "another area" is chosen. */
  otherArea: string;
  topics: string[];
  buttonKind: ButtonKind;
  buttonTitle: string;
  url: string;
  lessonId: string;
  allowPaid: boolean;
  budget: string;
  usePromotion: boolean;
  communes: PickedCommune[];
}

export type FieldName = "title" | "text" | "area" | "otherArea" | "topics" | "buttonTitle" | "url" | "lessonId" | "budget";
export type Errors = Partial<Record<FieldName, string>>;

/** What each card of the form gets: the form, its errors, and how to change a field. */
export interface FormPart {
  form: Form;
  errors: Errors;
  set<K extends keyof Form>(key: K, value: Form[K]): void;
}

export const OTHER_AREA = "other";

export interface AreaOption {
  value: string;
  label: string;
  province: boolean;
}

/** The areas I may send to: those of my roles (a province as a whole, or my commune); the operator types a code. */
export function areaOptions(roles: RoleView[]): AreaOption[] {
  const out: AreaOption[] = [];
  for (const r of roles) {
    if (r.role === "operator" || out.some((o) => o.value === r.areaCode)) continue;
    out.push(
      r.role === "province_official"
        ? { value: r.areaCode, label: `${r.areaName} (cả tỉnh/thành)`, province: true }
        : { value: r.areaCode, label: r.areaName, province: false },
    );
  }
  if (roles.some((r) => r.role === "operator")) out.push({ value: OTHER_AREA, label: "Khu vực khác (nhập mã)", province: false });
  return out;
}

export const blank = (area: string): Form => ({
  title: "",
  text: "",
  area,
  otherArea: "",
  topics: [],
  buttonKind: "none",
  buttonTitle: "",
  url: "",
  lessonId: "",
  allowPaid: false,
  budget: "0",
  usePromotion: false,
  communes: [],
});
