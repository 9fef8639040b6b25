import { execFileSync, execSync } from "node:child_process";

function onPath(binary: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${binary}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Command-line tools from Debian packages (e.g. zbarimg from zbar-tools, pdftoppm from poppler-utils): installed
 * with apt-get when missing and we are root, the way tests/e2e/chromium.ts installs Chromium; otherwise a clear
 * failure, never a skip.
 */
export function ensureDebianTools(tools: Record<string, string>): void {
  const missing = Object.entries(tools).filter(([binary]) => !onPath(binary));
  if (!missing.length) return;
  const packages = [...new Set(missing.map(([, pkg]) => pkg))];
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing ${missing.map(([b]) => b).join(", ")}: install Debian's ${packages.join(" ")} (apt-get install ${packages.join(" ")}).`);
  }
  console.log(`Installing Debian's ${packages.join(", ")}…`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(" ")}`, { stdio: "inherit" });
  const still = missing.filter(([binary]) => !onPath(binary));
  if (still.length) throw new Error(`apt-get installed ${packages.join(" ")} but ${still.map(([b]) => b).join(", ")} is still missing.`);
}
