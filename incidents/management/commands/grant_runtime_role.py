"""Give the service's database role what it needs, and nothing that could rewrite history.

Run by the owner (the role that runs ``migrate``) after each ``migrate``; it converges, so a
second run changes nothing. Default privileges make the tables and sequences that later
migrations create readable and writable by the role as they appear.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from psycopg import sql

HISTORY = "incidents_historyevent"
PURGE = "incidents_history_purge(text, bigint, text)"

STATEMENTS = [
    "GRANT CONNECT ON DATABASE {database} TO {role}",
    "GRANT USAGE ON SCHEMA {schema} TO {role}",
    # Every table: read and write rows, never TRUNCATE, REFERENCES or TRIGGER (a grant from an
    # earlier, broader setup is taken back).
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
    "REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {schema} FROM {role}",
    # The history: read, and insert (its triggers run as the writer); never change or remove.
    f"REVOKE UPDATE, DELETE ON {HISTORY} FROM {{role}}",
    # Which migrations ran is the owner's business; the service may only read it.
    "REVOKE INSERT, UPDATE, DELETE ON django_migrations FROM {role}",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
    # The one way to blank history rows, and it records that it did.
    f"GRANT EXECUTE ON FUNCTION {PURGE} TO {{role}}",
    # Tables and sequences that later migrations (run by this owner) create.
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema}"
    " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {role}",
]


class Command(BaseCommand):
    help = (
        "Grant the service's runtime database ROLE the rights it needs on this database: rows "
        "of the app tables, only SELECT and INSERT on the history, the purge function; no "
        "TRUNCATE, no ALTER, no triggers. Run as the owner after migrate; idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="An existing LOGIN role that is not the owner.")

    @transaction.atomic
    def handle(self, *args, role: str, **options):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_user, current_schema(), current_database(),"
                " (SELECT pg_get_userbyid(relowner) FROM pg_class"
                "  WHERE oid = to_regclass(%s))",
                [HISTORY],
            )
            owner, schema, database, history_owner = cursor.fetchone()
            if history_owner is None:
                raise CommandError("Run migrate first: there is no history table.")
            if history_owner != owner:
                raise CommandError(
                    f"Run this as {history_owner}, the role that owns the tables (you are {owner})."
                )
            cursor.execute(
                "SELECT rolsuper, rolbypassrls, pg_has_role(rolname, %s, 'MEMBER')"
                " FROM pg_roles WHERE rolname = %s",
                [owner, role],
            )
            found = cursor.fetchone()
            if found is None:
                raise CommandError(
                    f"There is no role {role}; create it first, e.g. "
                    f"CREATE ROLE {role} LOGIN PASSWORD '...'"
                )
            superuser, bypass_rls, owner_member = found
            if superuser or bypass_rls or owner_member:
                raise CommandError(
                    f"{role} must be an ordinary role: not a superuser, not {owner} "
                    "and not a member of it, or it could rewrite the history."
                )
            names = {
                "role": sql.Identifier(role),
                "schema": sql.Identifier(schema),
                "database": sql.Identifier(database),
            }
            raw = connection.connection
            for statement in STATEMENTS:
                cursor.execute(sql.SQL(statement).format(**names).as_string(raw))
            cursor.execute(
                "SELECT has_schema_privilege(%s, %s, 'CREATE')"
                " OR has_database_privilege(%s, %s, 'CREATE')",
                [role, schema, role, database],
            )
            if cursor.fetchone()[0]:
                self.stderr.write(
                    f"Warning: {role} may create objects in schema {schema} or database "
                    f"{database}; revoke that (REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC)."
                )
        self.stdout.write(
            f"{role} may read and write the rows of the tables in {database}.{schema} "
            f"(the history: read and insert only) and run the purge function."
        )
