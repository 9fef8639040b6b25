import { z } from "zod";

/** Answers that are not JSON, described for the API documentation (the server sends them as they are). */
export const posterFileSchema = z.any().describe("The poster file");
export const csvSchema = z.string().describe("CSV (UTF-8), to open in a spreadsheet");
export const htmlPageSchema = z.string().describe("An HTML page");
export const notModifiedSchema = z.null().describe("Not modified");
export const redirectSchema = z.null().describe("A redirect (Location header)");
export const audioFileSchema = z.any().describe("The audio file (Opus in Ogg, or MP3)");
export const imageFileSchema = z.any().describe("The image (WebP)");
