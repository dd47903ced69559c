/**
 * The application works as the database role doorstroom_app (migration 0015), never as the owner of the tables:
 * it cannot TRUNCATE, ALTER or DISABLE TRIGGER, and on the append-only tables (traject_events, audit_log,
 * signaal_stappen) it may only SELECT and INSERT. Migrations run as the owner before the switch.
 *
 * SET ROLE is a guard against the application's own mistakes and a hijacked query builder, not a wall against
 * arbitrary SQL: a session can SET ROLE NONE (back to its login role). A production server should therefore let the app log in as a LOGIN
 * role that is a member of doorstroom_app only (README, Sleutelbeheer en databaserol).
 */
export const APP_ROL = 'doorstroom_app';

/** PostgreSQL: every pooled connection starts as the app role; an unknown role makes the connection fail (fail closed). */
export const appRolVerbindingsOpties = () => ({ options: `-c role=${APP_ROL}` });

/** PGlite (one connection): switch once, after migrating. */
export async function zetAppRol(verbinding: { exec(sql: string): Promise<unknown> }) {
  await verbinding.exec(`SET ROLE ${APP_ROL}`);
}
