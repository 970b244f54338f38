"""Where each principal's recent query signatures live: in process, or in Redis.

Probing is spread over many requests, and a principal's requests over many guard
processes, so the detector keeps a short history per principal (bounded by count and by
age) behind one small interface:

* :class:`MemoryStore` — the default: one process, a lock, nothing to run;
* :class:`RedisStore` (``agentguard[redis]``) — shared by every process that serves the
  principal; each update is one atomic server-side script; keys expire; survives a restart
  of the guard.

Entries are opaque bytes (the detector's serialised signatures); principals are keyed by
their fingerprint, never their name.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Sequence
from typing import Any, Protocol

from agentguard.errors import AgentGuardError

#: Entries kept per principal and scope at most.
MAX_ENTRIES = 10_000
#: Age after which an entry is forgotten, in seconds (two days: the detector's window).
MAX_AGE = 172_800.0
#: Principals the memory store keeps at most (least recently seen go first).
MAX_PRINCIPALS = 100_000


class StoreUnavailable(AgentGuardError):
    """The shared store cannot be reached; the policy's fail mode decides what happens."""


class Store(Protocol):
    def append(self, principal: str, scope: str, entry: bytes, at: float | None = None) -> int:
        """Add an entry; returns how many the principal has in ``scope`` after trimming."""
        ...

    def history(
        self, principal: str, scope: str, since: float = 0.0, limit: int | None = None
    ) -> list[bytes]:
        """The principal's entries in ``scope`` at ``since`` or later, oldest first, at most
        the newest ``limit`` of them (entries older than ``max_age`` before the newest were
        dropped when it was appended)."""
        ...

    def count(self, principal: str, scope: str, since: float) -> int:
        """How many entries since ``since`` (rate limits without reading them)."""
        ...

    def flag(self, principal: str, seconds: float) -> None:
        """Mark the principal (a degrade cool-down) for ``seconds``."""
        ...

    def flagged(self, principal: str) -> bool: ...


class MemoryStore:
    """Per-process history: a deque per (principal, scope), bounded and aged on write."""

    def __init__(
        self,
        max_entries: int = MAX_ENTRIES,
        max_age: float = MAX_AGE,
        max_principals: int = MAX_PRINCIPALS,
    ) -> None:
        self.max_entries = max_entries
        self.max_age = max_age
        self.max_principals = max_principals
        self._data: OrderedDict[tuple[str, str], deque[tuple[float, bytes]]] = OrderedDict()
        self._flags: dict[str, float] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"MemoryStore(principals={len(self._data)}, max_entries={self.max_entries})"

    def append(self, principal: str, scope: str, entry: bytes, at: float | None = None) -> int:
        now = time.time() if at is None else at
        key = (principal, scope)
        with self._lock:
            items = self._data.get(key)
            if items is None:
                items = self._data[key] = deque(maxlen=self.max_entries)
                if len(self._data) > self.max_principals:
                    self._data.popitem(last=False)
            else:
                self._data.move_to_end(key)
            items.append((now, entry))
            cutoff = now - self.max_age
            while items and items[0][0] < cutoff:
                items.popleft()
            return len(items)

    def history(
        self, principal: str, scope: str, since: float = 0.0, limit: int | None = None
    ) -> list[bytes]:
        with self._lock:
            items = self._data.get((principal, scope))
            if not items:
                return []
            out: list[bytes] = []
            # Newest first, so a bounded read costs ``limit``, not the whole history.
            for t, e in reversed(items):
                if t < since or (limit is not None and len(out) >= limit):
                    break
                out.append(e)
            out.reverse()
            return out

    def count(self, principal: str, scope: str, since: float) -> int:
        with self._lock:
            return sum(1 for t, _ in self._data.get((principal, scope), ()) if t >= since)

    def flag(self, principal: str, seconds: float) -> None:
        with self._lock:
            self._flags[principal] = time.time() + seconds

    def flagged(self, principal: str) -> bool:
        with self._lock:
            until = self._flags.get(principal)
            if until is None:
                return False
            if until < time.time():
                del self._flags[principal]
                return False
            return True


# One round trip, atomic on the server: add, trim by age and by count, set the expiry.
_APPEND = """
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
local n = redis.call('ZCARD', KEYS[1])
local max = tonumber(ARGV[4])
if n > max then
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, n - max - 1)
  n = max
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return n
"""


def _entry(member: bytes) -> bytes:
    """The entry of a ``<time>:<sequence>:<entry>`` member."""
    return member.split(b":", 2)[2]


#: Seconds before the newest cached entry from which a bounded read asks the server again:
#: another process's entry stamped up to this much earlier is still seen.
_TAIL_MARGIN = 5.0


class RedisStore:
    """History in Redis sorted sets (score = time), one key per principal and scope.

    A member is ``<time>:<sequence>:<entry>`` so equal entries at equal times stay distinct;
    ``max_age`` is both the trim horizon and the key's expiry, so an idle principal costs
    nothing once it has passed. A bounded read (``limit``) keeps the newest entries of the
    last ``cached_keys`` keys in process and then asks the server only for what came since
    (from ``_TAIL_MARGIN`` seconds before the newest it holds): a few entries per query
    instead of hundreds.
    """

    def __init__(
        self,
        client: Any = None,
        *,
        url: str | None = None,
        prefix: str = "agentguard:probe",
        max_entries: int = MAX_ENTRIES,
        max_age: float = MAX_AGE,
        timeout: float = 0.5,
        cached_keys: int = 128,
    ) -> None:
        if client is None:
            try:
                import redis
            except ImportError:
                raise StoreUnavailable(
                    "the Redis store needs the redis extra: pip install 'agentguard[redis]'"
                ) from None
            client = redis.Redis.from_url(
                url or "redis://127.0.0.1:6379/0",
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
            )
        self.client = client
        self.prefix = prefix
        self.max_entries = max_entries
        self.max_age = max_age
        self.cached_keys = cached_keys
        self._append = client.register_script(_APPEND)
        self._seq = 0
        self._seq_lock = threading.Lock()
        # The newest entries last read per key, so the next bounded read fetches only what
        # came since (a few entries) instead of the whole bounded history every query.
        self._tails: OrderedDict[str, tuple[int, list[tuple[float, bytes]]]] = OrderedDict()
        self._tails_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"RedisStore(prefix={self.prefix!r}, max_entries={self.max_entries})"

    def _key(self, principal: str, scope: str) -> str:
        return f"{self.prefix}:{principal}:{scope}"

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # connection refused, timeout, server gone…
            raise StoreUnavailable(f"Redis store unavailable ({type(exc).__name__})") from None

    def append(self, principal: str, scope: str, entry: bytes, at: float | None = None) -> int:
        now = time.time() if at is None else at
        with self._seq_lock:
            self._seq += 1
            seq = self._seq
        member = f"{now:.6f}:{seq}:".encode() + entry
        args = [now, member, now - self.max_age, self.max_entries, int(self.max_age * 1000)]
        return int(self._call(self._append, keys=[self._key(principal, scope)], args=args))

    def history(
        self, principal: str, scope: str, since: float = 0.0, limit: int | None = None
    ) -> list[bytes]:
        key = self._key(principal, scope)
        if limit is None:
            raw: Sequence[bytes] = self._call(self.client.zrangebyscore, key, since, "+inf")
            return [m.split(b":", 2)[2] for m in raw]
        with self._tails_lock:
            cached = self._tails.get(key)
        if cached is None or cached[0] < limit or not cached[1]:
            # The newest ``limit``, read newest first and put back in order.
            rows = self._call(
                self.client.zrevrangebyscore,
                key,
                "+inf",
                "-inf",  # cached whatever ``since`` is: later reads may ask for more
                start=0,
                num=limit,
                withscores=True,
            )[::-1]
            tail = [(float(score), _entry(m)) for m, score in rows]
        else:
            # Only what came since the newest cached entry; the server's answer is the
            # truth from ``lo`` on (another process may have appended a little earlier).
            lo = cached[1][-1][0] - _TAIL_MARGIN
            rows = self._call(self.client.zrangebyscore, key, lo, "+inf", withscores=True)
            tail = [e for e in cached[1] if e[0] < lo]
            tail.extend((float(score), _entry(m)) for m, score in rows)
        tail = tail[-limit:]
        with self._tails_lock:
            self._tails[key] = (limit, tail)
            self._tails.move_to_end(key)
            while len(self._tails) > self.cached_keys:
                self._tails.popitem(last=False)
        # The same bytes objects every call: their hashes are computed once, and the
        # detector's decoded-signature cache looks them up 500 times a query.
        return [e for t, e in tail if t >= since]

    def count(self, principal: str, scope: str, since: float) -> int:
        return int(self._call(self.client.zcount, self._key(principal, scope), since, "+inf"))

    def flag(self, principal: str, seconds: float) -> None:
        self._call(self.client.set, f"{self.prefix}:flag:{principal}", b"1", px=int(seconds * 1000))

    def flagged(self, principal: str) -> bool:
        return bool(self._call(self.client.exists, f"{self.prefix}:flag:{principal}"))
