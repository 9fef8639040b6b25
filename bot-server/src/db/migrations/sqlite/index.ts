import type { Migration } from "kysely";
import * as m001 from "./001-learning.js";

export const sqliteMigrations: Record<string, Migration> = {
  "001-learning": m001,
};
