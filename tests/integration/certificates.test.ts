import { execFileSync } from "node:child_process";
import { createPublicKey, verify } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCertificate } from "../../bot-server/src/services/certificates/issue-certificate.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { ensureDebianTools } from "../helpers/debian-tools.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { signedInPeople } from "../helpers/officials.js";
import { countOf } from "../helpers/rows.js";

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
beforeAll(() => ensureDebianTools({ zbarimg: "zbar-tools", pdftoppm: "poppler-utils", pdftotext: "poppler-utils" }), 300_000);

describe.each(DIALECTS)("certificates anyone can verify, on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2026-12-07T03:00:00.000Z"));
  const token: Record<string, string> = {};
  let code: string;
  let signed: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock });
    await t.app.ready();
    Object.assign(
      token,
      await signedInPeople(
        t,
        [
          { name: "official", zaloUserId: "550000000000000081", role: "commune_official", areaCode: "00004" },
          { name: "otherCommune", zaloUserId: "550000000000000082", role: "commune_official", areaCode: "00008" },
        ],
        clock.now().toISOString(),
      ),
    );
    const deps = { repos: t.app.services.repos, clock, key: t.app.services.certificateKey };
    const req = { learnerId: "learner-1", name: "Nguyễn Văn An", skill: "an-toan-mang", communeCode: "00004", team: { id: 1, name: "Tổ 3, phường Ba Đình" } };
    const c = await issueCertificate(deps, req);
    code = c.code;
    signed = c.signed;
    // Asked again for the same skill: the certificate issued is given, not a second one.
    expect((await issueCertificate(deps, req)).code).toBe(code);
    expect(await countOf(t.testDb.db.db, "certificates")).toBe(1);
  });
  afterAll(async () => t?.close());

  it("is checked offline with the published public key alone", async () => {
    const keys = (await t.app.inject({ url: "/.well-known/certificate-keys.json" })).json() as { keys: { kid: string; x: string; kty: string; crv: string }[] };
    expect(keys.keys).toHaveLength(1);
    // With node's Ed25519 and the JWK as published: none of the product's code.
    const [, payload, sig] = signed.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as Record<string, string>;
    const jwk = keys.keys.find((k) => k.kid === claims.k)!;
    const publicKey = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
    expect(verify(null, Buffer.from(payload!, "base64url"), publicKey, Buffer.from(sig!, "base64url"))).toBe(true);
    expect(claims).toEqual({ c: code, n: "Nguyễn V. A.", s: "an-toan-mang", d: "2026-12-07", a: "00004", k: jwk.kid });
    const altered = Buffer.from(JSON.stringify({ ...claims, n: "Trần T. B." })).toString("base64url");
    expect(verify(null, Buffer.from(altered, "base64url"), publicKey, Buffer.from(sig!, "base64url"))).toBe(false);
  });

  it("has a public page in Vietnamese saying it is valid, the name shortened; an unknown code gets a Vietnamese 404 page", async () => {
    const page = await t.app.inject({ url: `/verify/${code}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("Còn hiệu lực");
    expect(page.body).toContain("Nguyễn V. A.");
    expect(page.body).not.toContain("Nguyễn Văn An");
    expect(page.body).toContain("Tự bảo vệ trên không gian mạng");
    expect(page.body).toContain("Phường Ba Đình, Thành phố Hà Nội");
    expect(page.body).toContain("không phải văn bằng, chứng chỉ của Nhà nước");
    for (const bad of ["ZZZZZZZZZZZZ", "not-a-code", "%3Cscript%3E"]) {
      const missing = await t.app.inject({ url: `/verify/${bad}` });
      expect(missing.statusCode, bad).toBe(404);
      expect(missing.body).toContain("Không tìm thấy chứng nhận");
      expect(missing.body).not.toContain("<script>");
    }
    expect((await t.app.inject({ url: `/api/v1/certificates/${code}` })).json()).toMatchObject({ code, status: "valid", name: "Nguyễn V. A." });
  });

  it("is the holder's own as an A4 PDF and a square picture, full name and a QR code that opens its page with the signed text", async () => {
    const holder = await signInAs(t.app, 0);
    const other = await signInAs(t.app, 1);
    const deps = { repos: t.app.services.repos, clock, key: t.app.services.certificateKey };
    const c = await issueCertificate(deps, { learnerId: holder.learnerId, name: "Trần Thị Bình", skill: "thanh-toan", communeCode: "00004", team: null });
    const dir = mkdtempSync(join(tmpdir(), "certificates-"));
    const pdf = await t.app.inject({ url: `/api/v1/me/certificates/${c.code}.pdf`, headers: { authorization: `Bearer ${holder.token}` } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    writeFileSync(join(dir, "c.pdf"), pdf.rawPayload);
    const text = run("pdftotext", [join(dir, "c.pdf"), "-"])
      .normalize("NFC")
      .replace(/\s+/g, " ");
    for (const s of ["CHỨNG NHẬN", "Trần Thị Bình", "Thanh toán không dùng tiền mặt", "Phường Ba Đình, Thành phố Hà Nội", c.code, "không phải văn bằng"])
      expect(text).toContain(s);
    run("pdftoppm", ["-r", "150", "-png", "-singlefile", join(dir, "c.pdf"), join(dir, "page")]);
    const png = await t.app.inject({ url: `/api/v1/me/certificates/${c.code}.png`, headers: { authorization: `Bearer ${holder.token}` } });
    expect(png.headers["content-type"]).toBe("image/png");
    writeFileSync(join(dir, "square.png"), png.rawPayload);
    for (const picture of ["page.png", "square.png"]) {
      const link = new URL(run("zbarimg", ["--quiet", "--raw", join(dir, picture)]).trim());
      expect(link.pathname).toBe(`/verify/${c.code}`);
      expect(link.searchParams.get("p")).toBe(c.signed);
      const page = await t.app.inject({ url: `${link.pathname}${link.search}` });
      expect(page.body).toContain("Còn hiệu lực");
      expect(page.body).toContain("Chữ ký số trên mã QR: hợp lệ.");
    }
    // A QR code whose text was altered (another name) is called out on the page.
    const [, payload, sig] = c.signed.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as object;
    const altered = `v1.${Buffer.from(JSON.stringify({ ...claims, n: "Lê V. C." })).toString("base64url")}.${sig}`;
    expect((await t.app.inject({ url: `/verify/${c.code}?p=${altered}` })).body).toContain("Mã QR này không khớp với chứng nhận");
    // Someone else's certificate is not theirs to download.
    expect((await t.app.inject({ url: `/api/v1/me/certificates/${c.code}.pdf`, headers: { authorization: `Bearer ${other.token}` } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/me/certificates/${c.code}.pdf` })).statusCode).toBe(401);
  });

  it("is revoked by an official of its area with a reason (audited), not by another commune's; the page then says revoked", async () => {
    const revoke = (who: string, reason: string) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/admin/certificates/${code}/revoke`,
        headers: { authorization: `Bearer ${token[who]}` },
        payload: { reason },
      });
    expect((await revoke("otherCommune", "Cấp nhầm người")).statusCode).toBe(403);
    expect((await revoke("official", "ngắn")).statusCode).toBe(400);
    expect(await countOf(t.testDb.db.db, "audit_log")).toBe(0);
    expect((await t.app.inject({ url: `/api/v1/certificates/${code}` })).json().status).toBe("valid");
    const done = await revoke("official", "Cấp nhầm cho người khác cùng tên");
    expect(done.statusCode, done.body).toBe(200);
    expect((await revoke("official", "Cấp nhầm lần nữa")).statusCode).toBe(409);
    const page = await t.app.inject({ url: `/verify/${code}` });
    expect(page.body).toContain("Đã bị thu hồi");
    expect(page.body).toContain("Cấp nhầm cho người khác cùng tên");
    const audit = await t.testDb.db.db.selectFrom("audit_log").selectAll().execute();
    expect(audit.map((a) => [a.action, a.target, a.area_code])).toEqual([["certificate.revoke", `certificate:${code}`, "00004"]]);
  });
});
