import { describe, expect, it } from "vitest";
import { parsePoint } from "./geo-point.js";

describe("parsePoint (what an official pastes from a map app)", () => {
  it("reads latitude, longitude with a comma, a semicolon or a space", () => {
    expect(parsePoint("21.0341, 105.8372")).toEqual({ latitude: 21.0341, longitude: 105.8372 });
    expect(parsePoint(" 10.7725;106.698 ")).toEqual({ latitude: 10.7725, longitude: 106.698 });
    expect(parsePoint("21 105")).toEqual({ latitude: 21, longitude: 105 });
  });
  it("refuses swapped coordinates, comma decimals and points outside Vietnam", () => {
    expect(parsePoint("105.8372, 21.0341")).toBeNull();
    expect(parsePoint("21,0341 105,8372")).toBeNull();
    expect(parsePoint("48.85, 2.35")).toBeNull();
    expect(parsePoint("Ba Đình")).toBeNull();
  });
});
