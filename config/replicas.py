"""Which read replicas may serve reads now: each process checks them itself, at most every
DATABASE_REPLICA_CHECK_SECONDS, on connections of its own with a short connect timeout.

A replica is out of rotation while it does not answer, or while it lags: while it has not
replayed what the primary had written more than DATABASE_REPLICA_MAX_LAG_SECONDS ago. Lag is
measured against the primary's WAL position as this process saw it at each check (the time
since the oldest position the replica has not yet replayed), not by
``now() - pg_last_xact_replay_timestamp()``, which grows on a replica that is fully caught
up with an idle primary. A replica a request found dead is taken out at once
(``mark_down``, see config.db_router); the next check lets it back in when it answers and
keeps up again.

The change feed must never announce what a public read could miss, whichever process or
replica serves either. Each check also reads the feed's head (its last entry's id) on every
database; an entry commits after the writes it announces, so a replica holding it holds
them. ``feed_fence`` limits the feed to the entries that every replica which may be serving
public reads holds: those in rotation here, and for a grace period those that just left it
(another process checks on its own clock, and may not have noticed yet), at their last known
heads (heads only grow). A replica joins the rotation, from outside it or after this process
was idle, only once it holds the whole feed as the primary had it at this check, so it is
never behind what was served while it was out.
"""

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field

import psycopg
from django.conf import settings
from django.db import connections

PRIMARY = "default"
logger = logging.getLogger(__name__)


@dataclass
class DatabaseState:
    """What the last check of one database found."""

    status: str = "unchecked"  # ok, down, lagging (replicas), unchecked
    error: str = ""
    lag_seconds: float | None = None
    checked_at: float = field(default=float("-inf"))
    since: float = field(default=float("-inf"))  # when it entered this status
    feed_head: int | None = None  # the last feed entry it held at its last answer

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "unchecked")

    def as_json(self) -> dict:
        shown = {"status": self.status}
        if self.error:
            shown["error"] = self.error
        if self.lag_seconds is not None:
            shown["lag_seconds"] = round(self.lag_seconds, 3)
        return shown


def lsn(text: str | None) -> int | None:
    """A WAL position, ``16/B374D848``, as a number."""
    if text is None:
        return None
    high, low = text.split("/")
    return (int(high, 16) << 32) + int(low, 16)


def connect(alias: str) -> psycopg.Connection:
    """A connection of its own to ``alias``, outside Django's (and its pool), that gives up
    after DATABASE_CONNECT_TIMEOUT seconds."""
    config = connections[alias].settings_dict
    options = {
        key: value
        for key, value in config.get("OPTIONS", {}).items()
        if key not in ("pool", "isolation_level", "assume_role", "server_side_binding")
    }
    given = {
        "dbname": config["NAME"],
        "user": config.get("USER"),
        "password": config.get("PASSWORD"),
        "host": config.get("HOST"),
        "port": config.get("PORT"),
    }
    return psycopg.connect(
        **{key: value for key, value in given.items() if value},
        **{**options, "connect_timeout": settings.DATABASE_CONNECT_TIMEOUT},
        autocommit=True,
    )


class ReplicaHealth:
    def __init__(self):
        self.states: dict[str, DatabaseState] = {}
        self.primary = DatabaseState()
        # (monotonic time, the primary's WAL position then), oldest first
        self._positions: deque[tuple[float, int]] = deque()
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def reset(self) -> None:
        self.__init__()

    def state(self, alias: str) -> DatabaseState:
        return self.states.setdefault(alias, DatabaseState())

    def usable(self) -> list[str]:
        """The replicas that may serve reads now, checking them first if it is time."""
        if time.monotonic() - self._checked_at >= settings.DATABASE_REPLICA_CHECK_SECONDS:
            # One thread checks; the others go on with what the last check found.
            if self._lock.acquire(blocking=False):
                try:
                    self.check()
                finally:
                    self._lock.release()
        return [alias for alias in settings.DATABASE_REPLICAS if self.state(alias).ok]

    def feed_fence(self) -> int | None:
        """The last feed entry every replica that may be serving public reads holds (None:
        no limit, with no replicas)."""
        if not settings.DATABASE_REPLICAS:
            return None
        self.usable()
        now = time.monotonic()
        heads = [
            state.feed_head or 0
            for alias in settings.DATABASE_REPLICAS
            if (state := self.state(alias)).ok or now - state.since <= _grace()
        ]
        return min(heads) if heads else None

    def check(self) -> None:
        """Check the primary (and note its WAL position), then every replica against it."""
        now = time.monotonic()
        self._checked_at = now
        primary_position = self._check_primary(now)
        for alias in settings.DATABASE_REPLICAS:
            self._check_replica(alias, now, primary_position, self.primary.feed_head)

    def mark_down(self, alias: str, error: str) -> None:
        """Take ``alias`` out of rotation until a check finds it healthy, and drop this
        thread's connection and the pool, whose connections are dead and whose reconnection
        attempts back off for minutes: the replica's next use starts a fresh one."""
        self._set(alias, time.monotonic(), DatabaseState("down", error))
        _drop_pool(alias)

    def _check_primary(self, now: float) -> int | None:
        try:
            with connect(PRIMARY) as conn:
                row = conn.execute(
                    "SELECT CASE WHEN pg_is_in_recovery() THEN NULL"
                    " ELSE pg_current_wal_lsn()::text END"
                ).fetchone()
                head = _feed_head(conn)
        except psycopg.Error as error:
            self.primary = DatabaseState("down", type(error).__name__, checked_at=now)
            return None
        self.primary = DatabaseState("ok", checked_at=now, feed_head=head)
        position = lsn(row[0])
        if position is not None:
            self._positions.append((now, position))
            horizon = now - settings.DATABASE_REPLICA_MAX_LAG_SECONDS * 2 - 60
            while len(self._positions) > 1 and self._positions[0][0] < horizon:
                self._positions.popleft()
        return position

    def _check_replica(
        self, alias: str, now: float, primary_position: int | None, primary_head: int | None
    ) -> None:
        state = self.state(alias)
        # Out of rotation, or not checked for longer than a check's interval and duration (an
        # idle process, whose positions say nothing of the time between, so that its lag may
        # be far more than measured): it must show it holds the whole feed to serve.
        idle = now - state.checked_at > (
            settings.DATABASE_REPLICA_CHECK_SECONDS + settings.DATABASE_CONNECT_TIMEOUT
        )
        joining = not state.ok or idle
        try:
            with connect(alias) as conn:
                row = conn.execute(
                    "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()::text END"
                ).fetchone()
                head = _feed_head(conn)
        except psycopg.Error as error:
            if state.status != "down":
                _drop_pool(alias)
            self._set(alias, now, DatabaseState("down", type(error).__name__))
            return
        replayed = lsn(row[0])
        lag = self._lag(replayed, now, primary_position)
        if lag is not None and lag > settings.DATABASE_REPLICA_MAX_LAG_SECONDS:
            found = DatabaseState("lagging", "", lag)
        elif joining and replayed is not None and (head or 0) < (primary_head or 0):
            found = DatabaseState("lagging", "behind the change feed", lag)
        else:
            found = DatabaseState("ok", "", lag)
        found.feed_head = head
        self._set(alias, now, found)

    def _set(self, alias: str, now: float, found: DatabaseState) -> None:
        before = self.state(alias)
        found.checked_at = now
        found.since = before.since if found.status == before.status else now
        if found.feed_head is None:
            found.feed_head = before.feed_head
        self.states[alias] = found
        # When, in this process, and why a replica leaves or rejoins the rotation
        # (deploy/measure times both from these lines).
        extra = {"replica": alias, **found.as_json()}
        if before.ok and not found.ok:
            logger.warning("replica %s out of rotation: %s", alias, found.status, extra=extra)
        elif found.ok and not before.ok:
            logger.info("replica %s back in rotation", alias, extra=extra)

    def _lag(self, replayed: int | None, now: float, primary_position: int | None) -> float | None:
        """Seconds since the primary first held what the replica has not replayed: 0 when it
        has replayed everything; None when unknown (not a streaming replica, or the primary
        did not answer: the replica keeps serving, as the only copy left)."""
        if replayed is None or primary_position is None:
            return None
        if replayed >= primary_position:
            return 0.0
        for seen_at, position in self._positions:
            if position > replayed:
                return now - seen_at
        return 0.0


def _grace() -> float:
    """How long another process may go on reading from a replica this one has seen leave:
    its view is one check interval old at most, and its check may have waited for a
    connection; twice the interval for good measure."""
    return 2 * settings.DATABASE_REPLICA_CHECK_SECONDS + settings.DATABASE_CONNECT_TIMEOUT


def _feed_head(conn: psycopg.Connection) -> int | None:
    """The id of the last change feed entry ``conn`` sees (None before migrate, or empty)."""
    try:
        return conn.execute("SELECT max(id) FROM incidents_change").fetchone()[0]
    except psycopg.errors.UndefinedTable:
        return None


def _drop_pool(alias: str) -> None:
    wrapper = connections[alias]
    wrapper.close()
    pools = getattr(type(wrapper), "_connection_pools", None)
    if pools and alias in pools:
        pools.pop(alias).close(timeout=1)


replica_health = ReplicaHealth()
