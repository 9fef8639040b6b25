import { notFound } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import type { Areas } from "../areas.js";
import type { CourseCatalog } from "../course-catalog.js";
import { renderPdf } from "../posters/render-pdf.js";
import { renderPng } from "../posters/render-png.js";
import { certificateLayout } from "./certificate-layout.js";
import { skillTitle } from "./certificate-view.js";

export interface CertificateFileDeps {
  repos: Repositories;
  areas: Areas;
  catalog: Pick<CourseCatalog, "skills">;
  links: { verify(code: string, signed: string): string };
}

/** The holder's own certificate as an A4 PDF or a square PNG, their name in full; another person's is not found. */
export async function certificateFile(deps: CertificateFileDeps, learnerId: string, code: string, format: "pdf" | "png") {
  const row = await deps.repos.certificates.find(code);
  if (!row || row.learner_id !== learnerId) throw notFound("certificate_not_found", "Không có chứng nhận này.");
  const content = {
    name: row.name,
    skillTitle: skillTitle(deps.catalog, row.skill),
    issuedOn: row.issued_at.slice(0, 10).split("-").reverse().join("/"),
    commune: deps.areas.commune(row.commune_code)?.fullName ?? row.commune_code,
    team: row.team_name,
    code: row.code,
    link: deps.links.verify(row.code, row.signed),
  };
  const body =
    format === "pdf"
      ? await renderPdf(certificateLayout(content, "a4"), { title: `Chứng nhận ${row.code}`, subject: `${content.name} · ${content.skillTitle}` })
      : await renderPng(certificateLayout(content, "square"));
  return { body, filename: `chung-nhan-${row.code}.${format}`, contentType: format === "pdf" ? "application/pdf" : "image/png" };
}
