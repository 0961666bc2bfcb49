// npm run seed:demo: a demo candidate with a year of history in DATABASE_PATH (default
// ./data/opsdrill.db). Safe to run twice: an existing demo user is left as it is.
import { ConfigError, parseConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/database.js';
import { prepareBank } from '../questions/bank.sync.js';
import { createFixedClock, systemClock } from '../shared/clock.js';
import { localDay } from '../shared/days.js';
import {
  DEMO_COACH,
  DEMO_GROUP,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  seedDemoGroup,
  seedDemoHistory,
} from './demo-history.js';

async function main() {
  const config = parseConfig(process.env);
  const db = openDatabase(config.databasePath);
  migrateDatabase(db);
  const { catalog } = prepareBank({ db, questionsDir: config.questionsDir, clock: systemClock });
  const started = systemClock.now().getTime();
  const today = localDay(systemClock.now(), { timeZone: 'Europe/Berlin', dayStartHour: 4 });
  const result = await seedDemoHistory({
    db,
    catalog,
    clock: createFixedClock(systemClock.now()),
    today,
    scryptCost: config.scryptCost,
  });
  if (!result) {
    console.log(`user "${DEMO_USERNAME}" already exists in ${config.databasePath}: nothing changed.`);
  } else {
    console.log(
      `created "${DEMO_USERNAME}" (password ${DEMO_PASSWORD}) with ${result.attempts} graded attempts over a year in ${config.databasePath} (${Math.round((systemClock.now().getTime() - started) / 1000)} s).`,
    );
  }
  const group = await seedDemoGroup({
    db,
    catalog,
    clock: createFixedClock(systemClock.now()),
    scryptCost: config.scryptCost,
  });
  console.log(
    group
      ? `created coach "${DEMO_COACH}" (same password) and the group "${DEMO_GROUP}" with ${DEMO_USERNAME} as a member.`
      : `coach "${DEMO_COACH}" already exists: group left as it is.`,
  );
  db.$client.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
