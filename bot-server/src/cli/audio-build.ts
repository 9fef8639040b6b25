/**
 * npm run audio:build — makes the machine voice's audio for every step of the shipped course that has none yet
 * (espeak-ng and ffmpeg from Debian), into the database the server uses (DATABASE_URL; the sandbox's SQLite file by
 * default), so that the mini app's Nghe button plays at once instead of waiting for a clip to be made. Prints a
 * progress bar, then the total size, the average per step and a closing line of JSON.
 */
import { cpus } from "node:os";
import { SingleBar } from "cli-progress";
import { loadCourseOrThrow } from "../../../shared/content-loader.js";
import { loadConfig } from "../config.js";
import { connect } from "../db/connect.js";
import { migrateToLatest } from "../db/migrate.js";
import { systemClock } from "../lib/clock.js";
import { repositories } from "../repositories/index.js";
import { makeClip } from "../services/audio/audio-file.js";
import { stepAudioIndex } from "../services/audio/step-audio-index.js";
import { voiceAvailable } from "../services/audio/voice-available.js";

async function main(): Promise<number> {
  if (!(await voiceAvailable())) {
    console.error("audio:build needs espeak-ng and ffmpeg: apt-get install espeak-ng ffmpeg");
    return 1;
  }
  const config = loadConfig();
  const database = connect(config.databaseUrl);
  try {
    await migrateToLatest(database);
    const repos = repositories(database.db, database.dialect);
    const index = stepAudioIndex(loadCourseOrThrow());
    const steps = index.all();
    const keys = [...new Set(steps.map((s) => s.key))];
    const have = await repos.audio.known(keys);
    const missing = keys.filter((k) => !have.has(k));
    const started = Date.now();
    const bar = new SingleBar({ format: "audio  {bar} {value}/{total} steps  {eta}s left", hideCursor: true });
    bar.start(missing.length, 0);
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const key = missing[next++]!;
        await makeClip({ repos, index, clock: systemClock }, key);
        bar.increment();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, cpus().length) }, worker));
    bar.stop();
    const all = await repos.audio.known(keys);
    const bytes = [...all.values()].reduce((n, c) => n + c.bytes, 0);
    const seconds = [...all.values()].reduce((n, c) => n + c.seconds, 0);
    const perStep = bytes / Math.max(1, all.size);
    console.log(
      `${all.size} step clips (${missing.length} made now, in ${((Date.now() - started) / 1000).toFixed(0)} s): ${(bytes / 1024 / 1024).toFixed(1)} MB of Opus, ` +
        `${(perStep / 1024).toFixed(1)} KB a step on average (aim: under 60 KB), ${(seconds / 60).toFixed(0)} minutes of speech`,
    );
    console.log(
      JSON.stringify({
        steps: steps.length,
        clips: all.size,
        made: missing.length,
        oggBytes: bytes,
        avgOggBytesPerStep: Math.round(perStep),
        seconds: Math.round(seconds),
      }),
    );
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
