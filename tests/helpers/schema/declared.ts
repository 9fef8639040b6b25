import ts from "typescript";

export interface DeclaredColumn {
  nullable: boolean;
  /** What a select gives: "string" (text, timestamps, string unions) or "number". */
  type: "string" | "number" | "other";
  /** Generated<…> or another ColumnType: the insert may leave it out, so the database must fill it. */
  generated: boolean;
}

/** The tables and columns an interface (Kysely's `Database`) declares, read by the TypeScript compiler. */
export function declaredTables(file: string, interfaceName: string): Record<string, Record<string, DeclaredColumn>> {
  const program = ts.createProgram([file], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const decl = program.getSourceFile(file)?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName);
  if (!decl) throw new Error(`no interface ${interfaceName} in ${file}`);
  const typeOf = (symbol: ts.Symbol) => checker.getTypeOfSymbolAtLocation(symbol, decl);
  const out: Record<string, Record<string, DeclaredColumn>> = {};
  for (const table of checker.getTypeAtLocation(decl).getProperties()) {
    const columns: Record<string, DeclaredColumn> = {};
    for (const column of typeOf(table).getProperties()) {
      let type = typeOf(column);
      const select = type.getProperty("__select__");
      if (select) type = typeOf(select);
      const parts = type.isUnion() ? type.types : [type];
      const values = parts.filter((p) => !(p.flags & ts.TypeFlags.Null));
      const every = (flag: ts.TypeFlags) => values.every((p) => p.flags & flag);
      columns[column.name] = {
        nullable: values.length < parts.length,
        type: every(ts.TypeFlags.StringLike) ? "string" : every(ts.TypeFlags.NumberLike) ? "number" : "other",
        generated: select !== undefined,
      };
    }
    out[table.name] = columns;
  }
  return out;
}
