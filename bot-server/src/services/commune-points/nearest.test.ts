import { describe, expect, it } from "vitest";
import { inVietnam } from "../../../../shared/lib/geo-point.js";
import { boxAround, distanceKm, locationOf, nearest } from "./nearest.js";

const hoanKiem = { latitude: 21.0287, longitude: 105.8524 };
const baDinh = { latitude: 21.0341, longitude: 105.8372 };
const benThanh = { latitude: 10.7725, longitude: 106.698 };

describe("distanceKm", () => {
  it("measures Hà Nội to Thành phố Hồ Chí Minh as about 1,140 km and a point to itself as 0", () => {
    expect(distanceKm(hoanKiem, benThanh)).toBeGreaterThan(1120);
    expect(distanceKm(hoanKiem, benThanh)).toBeLessThan(1160);
    expect(distanceKm(hoanKiem, hoanKiem)).toBe(0);
    expect(distanceKm(hoanKiem, baDinh)).toBeCloseTo(1.68, 1);
  });
});

describe("boxAround", () => {
  it("holds every point within the radius, also east-west where degrees of longitude are shorter", () => {
    for (const p of [hoanKiem, benThanh]) {
      const box = boxAround(p, 15);
      const east = { latitude: p.latitude, longitude: p.longitude + 0.135 }; // ≈14 km east at these latitudes
      expect(distanceKm(p, east)).toBeLessThan(15);
      expect(east.longitude).toBeLessThanOrEqual(box.maxLng);
      expect(p.latitude + 0.13).toBeLessThanOrEqual(box.maxLat);
    }
  });
});

describe("nearest", () => {
  const points = [
    { code: "far", ...benThanh },
    { code: "b", ...baDinh },
    { code: "a", ...hoanKiem },
  ];
  it("gives the points within the radius, nearest first, at most the limit", () => {
    const from = { latitude: 21.03, longitude: 105.85 };
    expect(nearest(from, points, 15, 3).map((p) => p.code)).toEqual(["a", "b"]);
    expect(nearest(from, points, 15, 1).map((p) => p.code)).toEqual(["a"]);
    expect(nearest(from, points, 0.1, 3)).toEqual([]);
  });
});

describe("locationOf", () => {
  it("reads Zalo's {latitude, longitude} as strings (trungndpc/CorporateServer UserSendMessageEvent: String latitude/longitude)", () => {
    const message = { msg_id: "1", attachments: [{ type: "location", payload: { coordinates: { latitude: "21.0341", longitude: "105.8372" } } }] };
    expect(locationOf(message)).toEqual(baDinh);
  });
  it("reads {lat, long} as numbers too (the other shape seen in integrations' typings)", () => {
    expect(locationOf({ attachments: [{ type: "location", payload: { coordinates: { lat: 10.7725, long: 106.698 } } }] })).toEqual(benThanh);
  });
  it("gives null for no attachment, text in place of a number, or a point off the Earth", () => {
    expect(locationOf({ text: "hi" })).toBeNull();
    expect(locationOf(undefined)).toBeNull();
    expect(locationOf({ attachments: [{ payload: { coordinates: { latitude: "21,03", longitude: "105" } } }] })).toBeNull();
    expect(locationOf({ attachments: [{ payload: { coordinates: { latitude: 95, longitude: 105 } } }] })).toBeNull();
    expect(locationOf({ attachments: [null, { payload: {} }] })).toBeNull();
  });
});

describe("inVietnam", () => {
  it("tells a point in Vietnam from swapped coordinates", () => {
    expect(inVietnam(baDinh)).toBe(true);
    expect(inVietnam({ latitude: 105.8, longitude: 21.0 })).toBe(false);
  });
});
