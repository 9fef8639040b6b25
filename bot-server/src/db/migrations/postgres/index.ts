import type { Migration } from "kysely";
import * as m001 from "./001-learning.js";

export const postgresMigrations: Record<string, Migration> = {
  "001-learning": m001,
};
