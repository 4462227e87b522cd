"""A local copy of every public record, kept exact by following the change feed.

``start`` loads ``GET /api/snapshot``: one NDJSON stream of every public record, headed by
the feed position it is consistent with. ``sync`` then follows ``/api/changes`` from that
position: on ``created`` or ``updated`` it fetches the record's detail and stores it, on
``retracted`` or ``deleted`` it drops the record (an incident merged into another is dropped:
the survivor has its own entry). The copy is one table of ``(resource, id, record)``, the
record being the detail's JSON exactly as the API sends it, and one table of state (where in
the feed the copy stands); both live in any DB-API database: SQLite by default, PostgreSQL
through a psycopg connection.

The feed is read from ``after=<position>`` and then by the cursors of its ``next`` links; the
copy keeps the cursor of the last page it read and how many of its entries it applied. The
feed never places a new entry below one already given out, so the entries of a page read
again begin with those already applied, which are skipped.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from incident_ledger_client import Client
from incident_ledger_client.api.changes import changes_list
from incident_ledger_client.models import Change
from incident_ledger_client.types import UNSET

from .errors import error_from
from .pages import next_params, unwrap

RESOURCES = ("actors", "sources", "quotes", "statements", "casualty-reports", "incidents")
BATCH = 1000


class MirrorError(Exception):
    """The snapshot or the feed was not what the mirror can apply (a truncated stream...)."""


class Connection(Protocol):
    """A DB-API 2.0 connection (sqlite3's, psycopg's...)."""

    def cursor(self) -> Any: ...
    def commit(self) -> Any: ...
    def rollback(self) -> Any: ...


class Mirror:
    """A copy of the API's public records in ``connection`` (default: an SQLite file at
    ``path``), in tables named ``{prefix}records`` and ``{prefix}state``."""

    def __init__(
        self,
        client: Client,
        connection: Connection | None = None,
        *,
        path: str = "ledger-mirror.sqlite3",
        prefix: str = "ledger_",
    ) -> None:
        if not prefix.replace("_", "").isalnum():
            raise ValueError(f"prefix must be letters, digits and _, got {prefix!r}")
        self.client = client
        self.connection: Connection = (
            connection if connection is not None else sqlite3.connect(path)
        )
        self.records_table = f"{prefix}records"
        self.state_table = f"{prefix}state"
        module = sys.modules.get(type(self.connection).__module__.partition(".")[0])
        self.placeholder = "?" if getattr(module, "paramstyle", "qmark") == "qmark" else "%s"
        self._create_tables()

    # Reading the copy.

    def get(self, resource: str, id: int) -> dict[str, Any] | None:
        """The stored record, or None."""
        rows = self._query(
            f"SELECT record FROM {self.records_table} WHERE resource = ? AND id = ?",
            (resource, id),
        )
        return json.loads(rows[0][0]) if rows else None

    def records(self, resource: str) -> dict[int, dict[str, Any]]:
        """Every stored record of ``resource``, by id."""
        rows = self._query(
            f"SELECT id, record FROM {self.records_table} WHERE resource = ? ORDER BY id",
            (resource,),
        )
        return {int(id): json.loads(record) for id, record in rows}

    def state(self) -> dict[str, str]:
        """Where the copy stands: the snapshot's position and API version, the feed cursor."""
        return dict(self._query(f"SELECT name, value FROM {self.state_table}", ()))

    # Filling it.

    def start(self) -> dict[str, int]:
        """Replace the copy with a fresh snapshot; return how many records of each resource."""
        counts: Counter[str] = Counter()
        cursor = self.connection.cursor()
        try:
            cursor.execute(f"DELETE FROM {self.records_table}")
            cursor.execute(f"DELETE FROM {self.state_table}")
            with self.client.get_httpx_client().stream("GET", "/api/snapshot") as response:
                if response.status_code != 200:
                    response.read()
                    raise error_from(response.status_code, response.headers, response.content)
                head, rows, end = None, [], None
                for line in _lines(response.iter_lines()):
                    if end is not None:
                        raise MirrorError("the snapshot goes on after its end line")
                    kind = line.get("kind")
                    if head is None:
                        if kind != "snapshot":
                            raise MirrorError(f"the snapshot starts with {kind!r}")
                        head = line
                    elif kind == "end":
                        end = line
                    elif kind in RESOURCES:
                        record = line["record"]
                        rows.append((kind, int(record["id"]), _dumps(record)))
                        counts[kind] += 1
                        if len(rows) >= BATCH:
                            self._upsert(cursor, rows)
                            rows = []
                    else:
                        raise MirrorError(f"a snapshot line of unknown kind {kind!r}")
                self._upsert(cursor, rows)
            if head is None or end is None:
                raise MirrorError("the snapshot was cut short: no end line")
            expected = {k: int(v) for k, v in end.get("counts", {}).items() if v}
            if expected != dict(counts):
                raise MirrorError(f"the snapshot counts {expected}, its lines {dict(counts)}")
            position = int(head["position"])
            self._set_state(
                cursor,
                {
                    "api_version": str(head.get("api_version", "")),
                    "position": str(position),
                    "generated_at": str(head.get("generated_at", "")),
                    "cursor": "",
                    "applied": "0",
                },
            )
            self.connection.commit()
        except BaseException:
            self.connection.rollback()
            raise
        finally:
            cursor.close()
        return dict(counts)

    def sync(self, page_size: int = 500) -> int:
        """Apply every feed entry after the copy's position; return how many were applied."""
        state = self.state()
        if "cursor" not in state:
            raise MirrorError("the mirror has not started: call start() first")
        after, cursor_param = int(state["position"]), state["cursor"]
        applied, done = int(state["applied"]), 0
        while True:
            page = unwrap(
                changes_list.sync_detailed(
                    client=self.client, after=after, cursor=cursor_param or UNSET, limit=page_size
                )
            )
            cursor = self.connection.cursor()
            try:
                for entry in page.results[applied:]:
                    self._apply(cursor, entry)
                    done += 1
                if isinstance(page.next_, str):
                    cursor_param, applied = str(next_params(page.next_)["cursor"]), 0
                else:
                    applied = len(page.results)
                self._set_state(cursor, {"cursor": cursor_param, "applied": str(applied)})
                self.connection.commit()
            except BaseException:
                self.connection.rollback()
                raise
            finally:
                cursor.close()
            if not isinstance(page.next_, str):
                return done

    def _apply(self, cursor: Any, entry: Change) -> None:
        key = (entry.resource.value, entry.id)
        if entry.action.value in ("created", "updated"):
            response = self.client.get_httpx_client().get(f"/api/{key[0]}/{key[1]}/")
            if response.status_code == 200:
                self._upsert(cursor, [(*key, _dumps(response.json()))])
                return
            # A 404, or a merged incident's redirect to the survivor: no longer public, as a
            # later entry will say; until then it is not to be shown.
            if response.status_code != 404 and not response.is_redirect:
                raise error_from(response.status_code, response.headers, response.content)
        cursor.execute(
            self._sql(f"DELETE FROM {self.records_table} WHERE resource = ? AND id = ?"), key
        )

    # SQL, in the placeholder style of the connection's driver.

    def _sql(self, statement: str) -> str:
        return statement.replace("?", self.placeholder)

    def _query(self, statement: str, parameters: Sequence[Any]) -> list[Any]:
        cursor = self.connection.cursor()
        try:
            cursor.execute(self._sql(statement), parameters)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def _upsert(self, cursor: Any, rows: list[tuple[str, int, str]]) -> None:
        if rows:
            cursor.executemany(
                self._sql(
                    f"INSERT INTO {self.records_table} (resource, id, record) VALUES (?, ?, ?) "
                    "ON CONFLICT (resource, id) DO UPDATE SET record = excluded.record"
                ),
                rows,
            )

    def _set_state(self, cursor: Any, values: dict[str, str]) -> None:
        cursor.executemany(
            self._sql(
                f"INSERT INTO {self.state_table} (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value"
            ),
            list(values.items()),
        )

    def _create_tables(self) -> None:
        cursor = self.connection.cursor()
        try:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.records_table} (resource VARCHAR(32) NOT NULL, "
                "id BIGINT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (resource, id))"
            )
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.state_table} "
                "(name VARCHAR(32) PRIMARY KEY, value TEXT NOT NULL)"
            )
            self.connection.commit()
        finally:
            cursor.close()


def _lines(raw: Iterator[str]) -> Iterator[dict[str, Any]]:
    for number, text in enumerate(raw, start=1):
        if not text.strip():
            continue
        try:
            line = json.loads(text)
        except ValueError as exc:
            raise MirrorError(f"snapshot line {number} is not JSON: {exc}") from None
        if not isinstance(line, dict):
            raise MirrorError(f"snapshot line {number} is not an object")
        yield line


def _dumps(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
