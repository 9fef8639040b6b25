import { describe, expect, it } from "vitest";
import { countWords, fillVars, foldVietnamese, varNames } from "./text.js";

describe("foldVietnamese", () => {
  it("drops tone marks and lower-cases", () => {
    expect(foldVietnamese("Kích hoạt VNeID")).toBe("kich hoat vneid");
  });

  it("folds đ and Đ to d", () => {
    expect(foldVietnamese("Đường đi")).toBe("duong di");
    expect(foldVietnamese("ĐĂNG KÝ")).toBe("dang ky");
  });

  it("folds the horn and breve vowels", () => {
    expect(foldVietnamese("Ưu tiên ơi ăn")).toBe("uu tien oi an");
  });

  it("gives the same result for precomposed and decomposed input", () => {
    const precomposed = "Dịch vụ công";
    expect(foldVietnamese(precomposed.normalize("NFD"))).toBe(foldVietnamese(precomposed.normalize("NFC")));
    expect(foldVietnamese(precomposed)).toBe("dich vu cong");
  });

  it("leaves plain ASCII, digits and punctuation alone apart from case", () => {
    expect(foldVietnamese("Wi-Fi 4G: OK!")).toBe("wi-fi 4g: ok!");
  });
});

describe("countWords", () => {
  it("counts words separated by any whitespace", () => {
    expect(countWords("Cài ứng dụng  VNeID\n từ CH Play")).toBe(7);
  });

  it("does not count ** bold markers as words or parts of words", () => {
    expect(countWords("Bấm **Đăng nhập** ngay")).toBe(4);
    expect(countWords("Bấm ** Đăng nhập")).toBe(3);
    expect(countWords("**")).toBe(0);
  });

  it("is zero for empty or blank text", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("   \n ")).toBe(0);
  });
});

describe("varNames", () => {
  it("lists the {{var}} names in order, spaces inside braces allowed", () => {
    expect(varNames("Vào {{cong_dvc}} hoặc {{ trang_kiem_tra }} rồi {{cong_dvc}}")).toEqual(["cong_dvc", "trang_kiem_tra", "cong_dvc"]);
  });

  it("ignores braces that are not a variable", () => {
    expect(varNames("{{Hoa}} {single} {{}} {{a-b}}")).toEqual([]);
  });
});

describe("fillVars", () => {
  const vars = { cong_dvc: "dichvucong.gov.vn", so_156: "156" };

  it("replaces every known variable", () => {
    expect(fillVars("Vào {{cong_dvc}}, gọi {{ so_156 }} hoặc lại vào {{cong_dvc}}", vars)).toBe(
      "Vào dichvucong.gov.vn, gọi 156 hoặc lại vào dichvucong.gov.vn",
    );
  });

  it("leaves an unknown variable as written", () => {
    expect(fillVars("Gọi {{khong_co}} nhé", vars)).toBe("Gọi {{khong_co}} nhé");
  });

  it("does not touch text without variables", () => {
    expect(fillVars("Bấm **Gửi**", vars)).toBe("Bấm **Gửi**");
  });
});
