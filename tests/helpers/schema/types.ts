/**
 * A database's schema as plain data, so that two databases can be compared with toEqual. Names of constraints are
 * kept where the database keeps them (PostgreSQL); expressions (checks, partial index predicates, defaults) are the
 * database's own text, lowercased and unquoted on SQLite. `neutralSchema` drops what only one dialect has.
 */
export interface ColumnDescription {
  name: string;
  /** The declared type, lowercased. */
  type: string;
  nullable: boolean;
  /** The default's text; null when there is none or the column counts up by itself. */
  default: string | null;
  autoIncrement: boolean;
}

export interface ConstraintDescription {
  /** PostgreSQL only: SQLite does not keep constraint names. */
  name?: string;
  columns: string[];
}

export interface CheckDescription extends ConstraintDescription {
  expression: string;
}

export interface ForeignKeyDescription extends ConstraintDescription {
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface IndexDescription {
  name: string;
  columns: string[];
  unique: boolean;
  where: string | null;
}

/** A trigger whose body refuses the change: what makes a table append-only. */
export interface RefusingTriggerDescription {
  name: string;
  events: string[];
}

export interface TableDescription {
  columns: ColumnDescription[];
  primaryKey: string[];
  uniques: ConstraintDescription[];
  checks: CheckDescription[];
  foreignKeys: ForeignKeyDescription[];
  indexes: IndexDescription[];
  refusingTriggers: RefusingTriggerDescription[];
}

export type SchemaDescription = Record<string, TableDescription>;

/** Kysely's own bookkeeping tables are Kysely's business, not the project's schema. */
export const isKyselyTable = (name: string) => name.startsWith("kysely_");
