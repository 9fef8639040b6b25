import { describe, expect, it } from "vitest";
import type { RoleView } from "../../../../shared/schemas/admin";
import { areaOptions, blank, OTHER_AREA, type Form } from "./form";
import { totalLength, validate } from "./validate";

const filled = (patch: Partial<Form> = {}): Form => ({
  ...blank("00004"),
  title: "Cảnh báo lừa đảo",
  text: "Hãy cúp máy.",
  topics: ["an-toan-mang"],
  ...patch,
});
const errorsOf = (patch: Partial<Form>) => validate(filled(patch)).errors;

describe("the compose form is checked as the server will check it", () => {
  it("an empty form: a reason next to each field that needs one, and no draft", () => {
    expect(validate(blank(""))).toEqual({
      errors: { title: "Hãy nhập tiêu đề.", text: "Hãy nhập nội dung tin.", area: "Hãy chọn khu vực nhận tin.", topics: "Hãy chọn ít nhất một chủ đề." },
      draft: null,
    });
  });

  it("a filled form becomes the draft the server takes, trimmed, with no button and nothing paid", () => {
    expect(validate(filled({ title: "  Cảnh báo lừa đảo ", text: "\nHãy cúp máy.  " }))).toEqual({
      errors: {},
      draft: {
        title: "Cảnh báo lừa đảo",
        text: "Hãy cúp máy.",
        buttons: [],
        areaCode: "00004",
        communes: [],
        topics: ["an-toan-mang"],
        allowPaid: false,
        budgetVnd: 0,
        usePromotion: false,
      },
    });
  });

  it("communes picked are sent only for a province", () => {
    const communes = [
      { code: "00004", fullName: "Phường Ba Đình, Thành phố Hà Nội" },
      { code: "00008", fullName: "Phường Ngọc Hà, Thành phố Hà Nội" },
    ];
    expect(validate(filled({ area: "01", communes })).draft?.communes).toEqual(["00004", "00008"]);
    expect(validate(filled({ area: "00004", communes })).draft?.communes).toEqual([]);
  });

  it("title: at most 100 characters, no markup", () => {
    expect(errorsOf({ title: "a".repeat(100) }).title).toBeUndefined();
    expect(errorsOf({ title: "a".repeat(101) }).title).toBe("Tiêu đề dài tối đa 100 ký tự.");
    expect(errorsOf({ title: "<b>Tin</b>" }).title).toBe("Tiêu đề không được chứa dấu < hoặc >.");
  });

  it("title, the blank line and the text fit one Zalo message of 2,000 characters", () => {
    expect(totalLength({ title: "", text: "  " })).toBe(0);
    expect(totalLength({ title: " ab ", text: "c" })).toBe(5);
    expect(errorsOf({ title: "a".repeat(100), text: "b".repeat(1898) }).text).toBeUndefined();
    expect(errorsOf({ title: "a".repeat(100), text: "b".repeat(1899) }).text).toBe("Tiêu đề và nội dung cộng lại dài quá 2.000 ký tự. Hãy rút gọn.");
    expect(errorsOf({ text: "a > b" }).text).toBe("Nội dung không được chứa dấu < hoặc >.");
  });

  it("another area (the operator): a province or a commune code", () => {
    expect(errorsOf({ area: OTHER_AREA, otherArea: "123" }).otherArea).toBe("Mã khu vực gồm 2 chữ số (tỉnh/thành) hoặc 5 chữ số (xã/phường).");
    expect(validate(filled({ area: OTHER_AREA, otherArea: " 79 " })).draft?.areaCode).toBe("79");
  });

  it("a web page button: https with a domain, and words on it of at most 20 characters", () => {
    const url = "Địa chỉ phải bắt đầu bằng https:// và có tên miền, ví dụ: https://dichvucong.gov.vn";
    expect(errorsOf({ buttonKind: "link", buttonTitle: "Xem", url: "http://dichvucong.gov.vn" }).url).toBe(url);
    expect(errorsOf({ buttonKind: "link", buttonTitle: "Xem", url: "https://localhost/a" }).url).toBe(url);
    expect(errorsOf({ buttonKind: "link", buttonTitle: "", url: "https://dichvucong.gov.vn" }).buttonTitle).toBe("Hãy nhập chữ trên nút.");
    expect(errorsOf({ buttonKind: "link", buttonTitle: "a".repeat(21), url: "https://dichvucong.gov.vn" }).buttonTitle).toBe(
      "Chữ trên nút dài tối đa 20 ký tự.",
    );
    expect(errorsOf({ buttonKind: "link", buttonTitle: "<Xem>", url: "https://dichvucong.gov.vn" }).buttonTitle).toBe(
      "Chữ trên nút không được chứa dấu < hoặc >.",
    );
    expect(validate(filled({ buttonKind: "link", buttonTitle: " Xem chi tiết ", url: " https://dichvucong.gov.vn/a " })).draft?.buttons).toEqual([
      { title: "Xem chi tiết", url: "https://dichvucong.gov.vn/a" },
    ]);
  });

  it("a lesson button needs a lesson", () => {
    expect(errorsOf({ buttonKind: "lesson", buttonTitle: "Xem bài học" }).lessonId).toBe("Hãy chọn một bài học.");
    expect(validate(filled({ buttonKind: "lesson", buttonTitle: "Xem bài học", lessonId: "mat-khau-manh" })).draft?.buttons).toEqual([
      { title: "Xem bài học", lessonId: "mat-khau-manh" },
    ]);
  });

  it("the budget counts only when paid messages are allowed, up to 1,000,000,000 đồng", () => {
    expect(validate(filled({ budget: "5000000000" })).draft?.budgetVnd).toBe(0);
    expect(errorsOf({ allowPaid: true, budget: "1000000001" }).budget).toBe("Ngân sách là số đồng, từ 0 đến 1.000.000.000.");
    expect(validate(filled({ allowPaid: true, budget: "" })).draft).toMatchObject({ allowPaid: true, budgetVnd: 0 });
    expect(validate(filled({ allowPaid: true, budget: "250000", usePromotion: true })).draft).toMatchObject({
      allowPaid: true,
      budgetVnd: 250000,
      usePromotion: true,
    });
  });
});

describe("the areas an official may send to", () => {
  const role = (r: Partial<RoleView>): RoleView => ({
    zaloUserId: "1",
    role: "commune_official",
    areaCode: "",
    areaName: "",
    grantedBy: "cli",
    grantedAt: "2026-01-01T00:00:00Z",
    ...r,
  });

  it("a province as a whole, my communes once each, and a typed code for the operator", () => {
    expect(
      areaOptions([
        role({ role: "province_official", areaCode: "01", areaName: "Thành phố Hà Nội" }),
        role({ areaCode: "00004", areaName: "Phường Ba Đình, Thành phố Hà Nội" }),
        role({ areaCode: "00004", areaName: "Phường Ba Đình, Thành phố Hà Nội" }),
        role({ role: "operator" }),
      ]),
    ).toEqual([
      { value: "01", label: "Thành phố Hà Nội (cả tỉnh/thành)", province: true },
      { value: "00004", label: "Phường Ba Đình, Thành phố Hà Nội", province: false },
      { value: OTHER_AREA, label: "Khu vực khác (nhập mã)", province: false },
    ]);
    expect(areaOptions([])).toEqual([]);
  });
});
