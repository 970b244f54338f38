"""The probing history stores: in memory, and in a real Redis server started by the test."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from agentguard.probing.store import MemoryStore, RedisStore, StoreUnavailable
from tests.redis_server import RedisServer, redis_server

redis = pytest.importorskip("redis")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    with redis_server(tmp_path_factory.mktemp("redis")) as srv:
        yield srv


@pytest.fixture
def rstore(server: RedisServer, request: pytest.FixtureRequest) -> RedisStore:
    return RedisStore(url=server.url, prefix=f"t:{request.node.name}")


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> MemoryStore | RedisStore:
    if request.param == "memory":
        return MemoryStore()
    srv = request.getfixturevalue("server")
    return RedisStore(url=srv.url, prefix=f"t:{request.node.name}")


def test_append_history_count(store: MemoryStore | RedisStore) -> None:
    now = time.time()
    for i in range(5):
        assert store.append("p1", "model_input", f"q{i}".encode(), at=now - 50 + i * 10) == i + 1
    store.append("p1", "model_input", b"q0", at=now)  # the same entry twice stays twice
    store.append("p2", "model_input", b"other", at=now)
    assert store.history("p1", "model_input") == [b"q0", b"q1", b"q2", b"q3", b"q4", b"q0"]
    assert store.history("p1", "model_input", since=now - 25) == [b"q3", b"q4", b"q0"]
    assert store.count("p1", "model_input", since=now - 25) == 3
    assert store.history("p1", "tool_input") == []
    assert store.history("p2", "model_input") == [b"other"]


def test_bounded_by_count_and_age(store: MemoryStore | RedisStore) -> None:
    store.max_entries = 3
    store.max_age = 100.0
    now = time.time()
    store.append("p", "s", b"old", at=now - 500)
    for i in range(5):
        store.append("p", "s", f"n{i}".encode(), at=now - 5 + i)
    assert store.history("p", "s") == [b"n2", b"n3", b"n4"]


def test_degrade_flag_expires(store: MemoryStore | RedisStore) -> None:
    assert not store.flagged("p")
    store.flag("p", 0.3)
    assert store.flagged("p") and not store.flagged("q")
    time.sleep(0.45)
    assert not store.flagged("p")


def test_memory_store_bounds_principals() -> None:
    store = MemoryStore(max_principals=3)
    for i in range(5):
        store.append(f"p{i}", "s", b"x")
    assert store.history("p0", "s") == [] and store.history("p4", "s") == [b"x"]


def test_redis_keys_expire(rstore: RedisStore, server: RedisServer) -> None:
    rstore.max_age = 1.0
    rstore.append("p", "s", b"x")
    client = redis.Redis.from_url(server.url)
    ttl = client.pttl(rstore._key("p", "s"))
    assert 0 < ttl <= 1000


def _writer(url: str, prefix: str, name: str, n: int) -> None:
    store = RedisStore(url=url, prefix=prefix)
    for i in range(n):
        store.append("shared-principal", "model_input", f"{name}-{i}".encode())


def test_two_processes_share_one_principal(server: RedisServer) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(server.url, "t:shared", name, 200)) for name in "ab"]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    entries = RedisStore(url=server.url, prefix="t:shared").history(
        "shared-principal", "model_input"
    )
    assert len(entries) == 400 and {e[:1] for e in entries} == {b"a", b"b"}


def test_history_survives_a_guard_restart(server: RedisServer) -> None:
    RedisStore(url=server.url, prefix="t:restart").append("p", "s", b"before")
    fresh = RedisStore(url=server.url, prefix="t:restart")  # a new process's store
    assert fresh.history("p", "s") == [b"before"]


def test_redis_going_away_is_a_clear_error(tmp_path: Path) -> None:
    srv = RedisServer(tmp_path)
    srv.start()
    store = RedisStore(url=srv.url, prefix="t:gone", timeout=0.2)
    store.append("p", "s", b"x")
    srv.stop()
    t0 = time.perf_counter()
    with pytest.raises(StoreUnavailable, match="Redis store unavailable"):
        store.append("p", "s", b"y")
    with pytest.raises(StoreUnavailable):
        store.history("p", "s")
    assert time.perf_counter() - t0 < 5


def test_bounded_reads_see_other_processes_appends(server: RedisServer) -> None:
    a = RedisStore(url=server.url, prefix="t:tail")
    b = RedisStore(url=server.url, prefix="t:tail")
    for i in range(5):
        a.append("p", "s", f"a{i}".encode(), at=100.0 + i)
    assert a.history("p", "s", since=0, limit=3) == [b"a2", b"a3", b"a4"]
    b.append("p", "s", b"b-late", at=103.5)  # another process, stamped a little earlier
    b.append("p", "s", b"b-new", at=110.0)
    assert a.history("p", "s", since=0, limit=3) == [b"b-late", b"a4", b"b-new"]
    got = a.history("p", "s", since=0, limit=4)
    assert got == [b"a3", b"b-late", b"a4", b"b-new"]
    assert a.history("p", "s", since=104.0, limit=4) == [b"a4", b"b-new"]
    assert a.history("p", "s", since=0, limit=4) == b.history("p", "s", since=0)[-4:]
