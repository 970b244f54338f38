"""The probing detector: judge a principal's new query against its recent history.

Four checks, each cheap against a history of a few hundred signatures:

* **near_duplicate** — the mean similarity of the query to its ``k`` nearest queries among
  the principal's last ``near_duplicate_recent`` (cosine of embeddings, else MinHash
  Jaccard) is at least a threshold: a flood of minimal variations, the stateful detection
  of Chen, Carlini & Wagner (2019). An honest user who rephrases twice has two close
  neighbours, not ``k``; a templated service's thousand queries hold a few close pairs by
  chance, which a recent window does not.
* **sweep** — the same template with exactly one slot or numeric field varied, over at
  least ``sweep_min`` earlier queries, and, where the varied values are numbers, varied in
  regular steps (a service working through its own, unordered, ticket ids is not a sweep);
  the last ``sweep_min`` steps must be ``sweep_share`` of the queries since the first of
  them (a helpdesk rotating ten templates over its customers is not sweeping names).
* **membership** — one person or record (names normalised: "J. Q. Smith", "John Smith"
  and "john smith" meet; a name typed only in lower case is found by its uncommon words)
  in at least ``membership_min`` differently worded queries that are ``membership_share``
  of the window, or — an attacker spacing the questions out — ``membership_persistent_min``
  of them within ``membership_span`` that are a steady ``membership_persistent`` share
  since the first, about an entity written as a person's or a record's somewhere (a title,
  an initial, an identifier), and ``membership_dominance`` of the queries since the first
  that name any person (a helpdesk works many customers' cases).
* **rate** — more than ``rate_per_minute`` queries in the last minute.

Findings name the principal only by its fingerprint (the store's key).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from agentguard.probing import signature as sig
from agentguard.probing.store import MemoryStore, Store

#: ATLAS AML.T0024: .000 infer membership, .001 invert the model, .002 extract the model.
TECHNIQUE = {
    "near_duplicate": "AML.T0024.001",
    "sweep": "AML.T0024.001",
    "membership": "AML.T0024.000",
    "rate": "AML.T0024.002",
}


@dataclass(frozen=True, slots=True)
class Settings:
    window: float = 172_800.0  # seconds of history each check looks at (two days)
    history: int = 500  # most recent signatures read per check
    k: int = 5
    # Mean cosine to the k nearest (embeddings, all-MiniLM-L6-v2): above the highest a
    # benign principal reached in the benchmark's traffic (0.961 over 60 x 1,000 queries).
    near_duplicate: float = 0.97
    near_duplicate_minhash: float = 0.8  # the same, MinHash Jaccard, without embeddings
    sweep_min: int = 8
    sweep_share: float = 0.2  # …and its last sweep_min steps are this share of the queries
    membership_min: int = 6
    membership_distinct: float = 0.6  # phrasings count as different below this Jaccard
    membership_share: float = 0.4  # …and they are at least this share of the window,
    # or (spaced out, a person or a record only) membership_persistent_min of them within
    # membership_span, a membership_persistent share of the queries since the first
    membership_span: float = 43_200.0
    membership_persistent: float = 0.2
    membership_persistent_min: int = 8
    # …and at least this share of the queries since the first that name a person at all
    membership_dominance: float = 0.8
    near_duplicate_recent: int = 100  # the k nearest are looked for among these many
    rate_per_minute: int = 60
    perturbation: float = 0.02  # relative change under which two numbers are "the same"


@dataclass(frozen=True, slots=True)
class Probe:
    kind: str  # near_duplicate | sweep | membership | rate
    score: float
    technique: str


Encode = Callable[[Sequence[str]], np.ndarray]


class ProbingDetector:
    def __init__(
        self,
        store: Store | None = None,
        *,
        key: bytes,
        encode: Encode | None = None,
        settings: Settings | None = None,
        entities: Callable[[str], Sequence[str]] | None = None,
    ) -> None:
        self.store: Store = store or MemoryStore()
        self.key = key
        self.encode = encode
        self.settings = settings or Settings()
        self._entities = entities or names
        self._decoded: dict[bytes, sig.Signature] = {}

    def observe(
        self, principal: str, scope: str, payload: object, text: str, now: float | None = None
    ) -> list[Probe]:
        """Record the query and return what its history says about the principal."""
        now = time.time() if now is None else now
        st = self.settings
        new = self.signature(payload, text, now)
        raw = self.store.history(principal, scope, since=now - st.window, limit=st.history)
        past = [self._decode(r) for r in raw]
        if past and self._entities is names:
            spelt = phrase_keys(text, self.key)
            extra = spelt.keys() & set().union(*(p.entities for p in past))
            added = extra - set(new.entities)
            if added:
                new.entities = tuple(sorted(set(new.entities) | extra))
            marked = {e for e in extra if spelt[e]}
            if marked - set(new.people):
                new.people = tuple(sorted(set(new.people) | marked))
            # Met here only as lower-case words: no more a name's than they were before.
            lower = {e for e in added if not spelt[e]} | set(new.plain)
            new.plain = tuple(sorted(lower - set(new.people)))
        if any(_same(new, p) for p in past[-_RESENT:]):
            # The same query again: an agent framework re-sends the whole conversation with
            # every model call. It is not a new query, so it is neither kept nor counted.
            return []
        self.store.append(principal, scope, new.dumps(), at=now)
        found: list[Probe] = []
        for probe in (
            self._near_duplicate(new, past),
            self._sweep(new, past),
            self._membership(new, past),
        ):
            if probe is not None:
                found.append(probe)
        recent = sum(1 for p in past if p.t >= now - 60.0) + 1
        if recent > st.rate_per_minute:
            found.append(Probe("rate", recent / st.rate_per_minute, TECHNIQUE["rate"]))
        return found

    def _decode(self, raw: bytes) -> sig.Signature:
        """Each stored signature is parsed once per process (a history is read per query)."""
        hit = self._decoded.get(raw)
        if hit is None:
            if len(self._decoded) >= _DECODED_MAX:
                self._decoded.clear()
            hit = self._decoded[raw] = sig.Signature.loads(raw)
        return hit

    def signature(self, payload: object, text: str, now: float) -> sig.Signature:
        """The query's signature; ``people`` are its entities written as a person's or a
        record's (with a title or an initial; an e-mail address, an identifier) — with a
        custom ``entities`` function, all of them."""
        plain: tuple[int, ...] = ()
        if self._entities is names:
            marked = _names(text)
            lower = plain_names(text)
            seen = {e for e, _ in marked}
            plain = tuple(
                sorted({sig.keyed(self.key, e) for e, p in lower if not p and e not in seen})
            )
            marked += lower
        else:
            marked = [(e.lower(), True) for e in self._entities(text)]
        ents = tuple(sorted({sig.keyed(self.key, e) for e, _ in marked}))
        people = tuple(sorted({sig.keyed(self.key, e) for e, person in marked if person}))
        plain = tuple(e for e in plain if e not in people)
        if isinstance(payload, str):
            s = sig.of_text(payload, now, self.key, ents)
            if self.encode is not None:
                s.vec = self.encode([payload[:2000]])[0].astype(np.float16)
            s.people = people
            s.plain = plain
            return s
        s = sig.of_call(payload, now, self.key, text)
        s.entities = ents
        s.people = people
        s.plain = plain
        return s

    # --- the checks ---------------------------------------------------------------------

    def _near_duplicate(self, new: sig.Signature, past: list[sig.Signature]) -> Probe | None:
        st = self.settings
        if new.tool is not None or (not new.slots and new.fields and new.vec is None):
            return self._perturbed_calls(new, past)
        # Same-template neighbours differ only in their slots: that is a sweep's (or a work
        # queue's) business, judged by _sweep; a flood varies the wording itself.
        # Only the recent queries: a flood is dense in time, while a templated service's
        # thousand queries hold a few close pairs by chance alone.
        others = [p for p in past[-st.near_duplicate_recent :] if p.template != new.template]
        if len(others) < st.k:
            return None
        # MinHash always; the embeddings, where there are any, as a second opinion (either
        # suffices: word-level floods and paraphrase floods are both floods).
        hashes = np.stack([p.minhash for p in others])
        score = _top_mean((hashes == new.minhash).mean(axis=1), st.k)
        if score >= st.near_duplicate_minhash:
            return Probe("near_duplicate", score, TECHNIQUE["near_duplicate"])
        if new.vec is not None:
            vecs = [p.vec for p in others if p.vec is not None]
            if len(vecs) >= st.k:
                sims = np.asarray(vecs, dtype=np.float32) @ new.vec.astype(np.float32)
                score = _top_mean(sims, st.k)
                if score >= st.near_duplicate:
                    return Probe("near_duplicate", score, TECHNIQUE["near_duplicate"])
        return None

    def _perturbed_calls(self, new: sig.Signature, past: list[sig.Signature]) -> Probe | None:
        """Tool calls: the same arguments with every number nudged by a hair, many times."""
        st = self.settings
        if not new.fields:
            return None
        close = 0
        for p in past:
            if p.template != new.template or p.slots != new.slots or p.fields == new.fields:
                continue
            if all(_near(p.fields.get(f), v, st.perturbation) for f, v in new.fields.items()):
                close += 1
        if close >= st.k:
            return Probe("near_duplicate", float(close), TECHNIQUE["near_duplicate"])
        return None

    def _sweep(self, new: sig.Signature, past: list[sig.Signature]) -> Probe | None:
        st = self.settings
        varied: Counter[str] = Counter()
        values: dict[str, list[float | int]] = {}
        where: dict[str, list[int]] = {}
        for i, p in enumerate(past):
            if p.template != new.template or len(p.slots) != len(new.slots):
                continue
            if set(p.fields) != set(new.fields):
                continue
            pairs = zip(p.slots, new.slots, strict=True)
            slot_diff = [i for i, (a, b) in enumerate(pairs) if a != b]
            field_diff = [f for f in new.fields if p.fields[f] != new.fields[f]]
            if len(slot_diff) + len(field_diff) != 1:
                continue
            axis = f"slot:{slot_diff[0]}" if slot_diff else f"field:{field_diff[0]}"
            varied[axis] += 1
            where.setdefault(axis, []).append(i)
            values.setdefault(axis, []).append(
                p.slots[slot_diff[0]] if slot_diff else p.fields[field_diff[0]]
            )
        if not varied:
            return None
        axis, count = varied.most_common(1)[0]
        if count + 1 < st.sweep_min:
            return None
        if axis.startswith("field:") and not _regular([float(v) for v in values[axis]]):
            return None
        if len(set(values[axis])) + 1 < st.sweep_min:
            return None
        # A sweep is what the principal is doing: its last sweep_min steps are a steady
        # share of the queries since the first of them. A helpdesk looking up customer
        # after customer through one of its ten templates is not sweeping names.
        first = where[axis][-(st.sweep_min - 1)]
        if st.sweep_min / (len(past) - first + 1) < st.sweep_share:
            return None
        return Probe("sweep", float(count + 1), TECHNIQUE["sweep"])

    def _membership(self, new: sig.Signature, past: list[sig.Signature]) -> Probe | None:
        """The same person or record in many differently worded queries, judged per entity.

        Two ways to be a probe: the entity is a large share of everything the principal
        asked in the window (a scripted burst), or its distinct phrasings all fall within
        ``membership_span`` and are a steady share of what the principal asked since the
        first of them (an attacker spacing questions out between benign ones). An honest
        user's favourite product or city comes up over days among much else: neither.
        """
        st = self.settings
        best = 0
        # Each entity alone, and the query's person names together ("E. Marchetti" is both
        # "marchetti", which "Ms Marchetti" shares, and "fis:e marchetti", which "Elena
        # Marchetti" shares).
        groups = [frozenset((e,)) for e in new.entities]
        if len(new.people) > 1:
            groups.append(frozenset(new.people))
        # Where each of the query's entities was mentioned before: one pass over the history.
        # A pair of lower-case words is a name only once written as one (named) somewhere.
        if not new.entities:
            return None
        wanted = set(new.entities)
        hits: dict[int, list[int]] = {}
        named = wanted.difference(new.plain)
        for i, p in enumerate(past):
            if p.entities and not wanted.isdisjoint(p.entities):
                for e in wanted.intersection(p.entities):
                    hits.setdefault(e, []).append(i)
                    if e not in p.plain:
                        named.add(e)
        for group in groups:
            if len(group) == 1:
                at = hits.get(next(iter(group)), [])
            else:
                at = sorted({i for e in group for i in hits.get(e, ())})
            if len(at) + 1 < st.membership_min:
                continue
            if named.isdisjoint(group):
                continue  # lower-case words, never a name's: a template's fixed text
            distinct = [new]
            recent: list[int] = []  # indices of the distinct phrasings, oldest first
            for i in at:
                p = past[i]
                if all(
                    sig.jaccard(p.minhash, d.minhash) < st.membership_distinct for d in distinct
                ):
                    distinct.append(p)
                    recent.append(i)
            recent.reverse()
            if len(distinct) < st.membership_min:
                continue
            share = (len(at) + 1) / (len(past) + 1)
            if share >= st.membership_share:
                best = max(best, len(distinct))
                continue
            if len(distinct) < st.membership_persistent_min:
                continue
            if group.isdisjoint(new.people) and all(group.isdisjoint(past[i].people) for i in at):
                continue  # a place or a product the principal keeps coming back to
            # The stretch that holds the last membership_persistent_min distinct phrasings.
            first = recent[st.membership_persistent_min - 2]
            if new.t - past[first].t > st.membership_span:
                continue
            mentions = sum(1 for i in at if i >= first) + 1
            if mentions / (len(past) - first + 1) >= st.membership_persistent:
                # …and it is the person the principal asks about: a helpdesk working many
                # customers' cases mentions others in between, a prober's fillers rarely do.
                persons = set(new.people).union(*(p.people for p in past))
                others = sum(
                    1
                    for p in past[first:]
                    if group.isdisjoint(p.entities) and not persons.isdisjoint(p.entities)
                )
                if mentions / (mentions + others) < st.membership_dominance:
                    continue
                best = max(best, len(distinct))
        if best:
            return Probe("membership", float(best), TECHNIQUE["membership"])
        return None


def _top_mean(sims: np.ndarray, k: int) -> float:
    return float(np.sort(sims)[-k:].mean())


def _same(a: sig.Signature, b: sig.Signature) -> bool:
    return (
        a.template == b.template
        and a.slots == b.slots
        and a.fields == b.fields
        and bool(np.array_equal(a.minhash, b.minhash))
    )


def _near(a: float | None, b: float, tolerance: float) -> bool:
    if a is None:
        return False
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-9)


def _regular(values: Sequence[float]) -> bool:
    """Values in (nearly) equal steps once sorted: an arithmetic sweep, not a work queue."""
    uniq = sorted(set(values))
    if len(uniq) < 3:
        return False
    diffs = np.diff(uniq)
    med = float(np.median(diffs))
    if med <= 0:
        return False
    return float(np.mean(np.abs(diffs - med) <= 0.05 * med)) >= 0.7


#: Decoded signatures kept per process (about 1.4 kB each, raw key included: ~40 MB at
#: most); enough for the bounded histories of 40 principals queried at once.
_DECODED_MAX = 20_000
#: How far back a query counts as re-sent rather than asked again.
_RESENT = 200
#: A name: capitalised words and initials, at least two (``Mr. John Q. Smith``,
#: ``E. Marchetti``, ``St. Mary's Hospital``); or a letter-digit identifier.
_NAME = re.compile(
    r"\b(?:[A-Z][a-z]+(?:['’-][A-Za-z]+)*\.?|[A-Z]\.)(?:\s+(?:[A-Z][a-z]+(?:['’-][A-Za-z]+)*|[A-Z]\.?)\b\.?)+"
)
_ID = re.compile(r"\b[A-Z]{1,3}-?\d{3,}\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that start a sentence or address someone rather than name anyone.
_NOT_NAME = _wordset(
    """a an the is was were are do did does has have had can could will would should may
    tell what which who whom whose when where why how give search summarise summarize find
    list show anything any quick question hi hey hello dear please yes no ok okay and or but
    if so my our your his her their its this that these those in on at of for to from by
    with about complete confirm check i we you he she they it"""
)
_HONORIFIC = _wordset("mr mrs ms mx miss dr prof sir dame st saint")
_SUFFIX = _wordset("jr sr ii iii iv phd md")
#: Last words that name a kind of place or organisation, not a family: no surname key.
_GENERIC = _wordset(
    """city town village county state island bay beach park street road avenue square bank
    university college school hospital clinic trial study inc ltd llc corp group company
    cloud pro plus app hub lab labs airport station"""
)


def names(text: str) -> list[str]:
    """The keys of :func:`_names`."""
    return [k for k, _ in _names(text)]


def _names(text: str) -> list[tuple[str, bool]]:
    """Normalised names and identifiers in ``text``: each name gives its full form without
    titles, initials or suffixes (``"Mr. John Q. Smith"`` → ``john smith``) and its first
    initial with the surname (``fis:j smith``), so "J. Q. Smith", "John Smith" and "Mr.
    Smith" meet; identifiers and e-mail addresses are taken as they are."""
    head = text[:4000]
    out = [(m.group().lower().replace("-", ""), True) for m in _ID.finditer(head)]
    for m in _EMAIL.finditer(head):
        local = m.group().split("@", 1)[0].lower()
        out.append(("email:" + m.group().lower(), True))
        parts = [w for w in re.split(r"[._+-]", local) if w]
        if len(parts) >= 2 and len(parts[-1]) > 1:  # d.whitfield@… is "D. Whitfield"
            out.append((f"fis:{parts[0][0]} {parts[-1]}", True))
    for m in _NAME.finditer(head):
        run: list[str] = []
        for word in [*m.group().split(), "and"]:  # a stop word splits the run
            w = word.strip(".").lower()
            if w not in _NOT_NAME:
                run.append(w)
            # …and so does a full stop after a word that is not a title ("Sheet. Thanks").
            ends = word.endswith(".") and len(w) > 1 and w not in _HONORIFIC | _SUFFIX
            if (w in _NOT_NAME or ends) and run:
                out.extend(_name_keys(run))
                run = []
    return out


def _name_keys(words: list[str]) -> list[tuple[str, bool]]:
    """A name's keys, each marked when the name is written as a person's (a title, an
    initial)."""
    titled = words[0] in _HONORIFIC
    while words and words[0] in _HONORIFIC:
        words = words[1:]
    while words and words[-1] in _SUFFIX:
        words = words[:-1]
    initials = [w for w in words if len(w) == 1]
    full = [w for w in words if len(w) > 1]
    if not full or (len(full) == 1 and not initials and not titled):
        return []  # one capitalised word after a sentence's first: not a name
    person = titled or bool(initials)
    # A surname alone ("Ms Marchetti", "E. Marchetti" without its initial) is many people:
    # it is no key of its own.
    out = [(" ".join(full), person)] if len(full) > 1 else []
    last = words[-1]
    if len(words) >= 2 and len(last) > 1 and last not in _GENERIC:
        # First initial and surname: "E. Marchetti" meets "Elena Marchetti", while "Hugo
        # Mensah" and "Amara Mensah" stay two people.
        out.append((f"fis:{words[0][0]} {last}", person))
    return out


def phrase_keys(text: str, key: bytes) -> dict[int, bool]:
    """Keyed hashes of every word, pair of adjacent words and identifier, lower-cased, each
    marked when written as a person's (after a title or an initial): a name typed without
    capitals ("elena marchetti", "ms marchetti", "mrn-448812") still meets the one the
    principal wrote properly before. Used only to match names already in the history,
    never stored as such."""
    tokens = _TOKEN.findall(text[:4000].lower())
    out: dict[int, bool] = {}

    def add(k: str, person: bool) -> None:
        h = sig.keyed(key, k)
        out[h] = out.get(h, False) or person

    prev = ""
    for tok in tokens:
        if tok[0].isalpha() and tok[-1].isdigit():
            add(tok.replace("-", ""), True)
        elif len(tok) > 1 and prev:
            if len(prev) > 1:
                add(f"{prev} {tok}", False)
            if prev not in _HONORIFIC:  # "ms marchetti" is no "M. Marchetti"
                add(f"fis:{prev[0]} {tok}", len(prev) == 1)
        prev = tok
    return out


_TOKEN = re.compile(r"\b[a-z]{1,3}-?\d{3,}\b|[a-z][a-z'’-]*")


#: Among the most common English words (and words common in questions): never part of a
#: name typed in lower case.
_COMMON = _wordset(
    """
    the be to of and a in that have i it for not on with he as you do at this but his by
    from they we say her she or an will my one all would there their what so up out if
    about who get which go me when make can like time no just him know take people into
    year your good some could them see other than then now look only come its over think
    also back after use two how our work first well way even new want because any these
    give day most us is are was were been being has had did does said made went got am find
    tell ask seem feel try leave call keep let begin show hear play run move live believe
    hold bring happen write provide sit stand lose pay meet include continue set learn
    change lead understand watch follow stop create speak read allow add spend grow open
    walk win offer remember love consider appear buy wait serve die send expect build stay
    fall cut reach kill remain suggest raise pass sell require report decide pull explain
    hope develop carry break receive agree support hit produce eat cover catch draw choose
    cause point listen realise realize place close turn start help need mean put become
    thing man woman child world life hand part eye week case system program question
    government number night home water room mother area money story fact month lot right
    study book job word business issue side kind head house service friend father power
    hour game line end member law car city community name president team minute idea kid
    body information school face others level office door health person art war history
    party result morning reason research girl guy moment air teacher force education foot
    boy age policy everything process music market sense nation plan college interest death
    experience effect class control care field development role effort rate heart drug
    leader light voice wife police mind price decision son view relationship town road arm
    difference value building action model season society tax director position player
    record paper space ground form event official matter center couple site project
    activity star table court oil situation cost industry figure street image phone data
    picture practice piece land product doctor wall patient worker news test movie north
    technology step baby computer type attention film tree source organization hair window
    evidence population truth list great little own old big high different small large next
    early young important few public bad same able last long best sure free better true
    whole real full special easy clear recent certain personal red difficult available
    likely short single medical current wrong private past foreign fine common poor natural
    significant similar hot dead central happy serious ready simple left physical general
    environmental financial blue democratic dark various entire legal religious cold final
    main green nice huge popular traditional cultural very often however too usually really
    never always sometimes together simply generally instead actually already enough both
    either each every many much more less least such still yet ever almost away once here
    where why off down again perhaps quite rather several around through during before
    between under without within along following across behind beyond plus except until
    since upon against among toward towards i'm i've i'd i'll it's that's what's there's
    don't doesn't didn't can't won't isn't aren't wasn't weren't you're we're they're let's
    how's yes okay ok please thanks thank hello hi hey sorry answer quick check example
    anything something nothing someone anyone everyone today tomorrow yesterday three four
    five six seven eight nine ten hundred thousand million second third
    """
)
#: A capitalised word after a lower-case one or a comma: the writer capitalises names.
_MID_CAP = re.compile(r"(?<=[a-z,;:] )(?!I\b|I['’])[A-Z]")
_PLAIN_TOKEN = re.compile(r"[a-z][a-z'’-]*\.?|[^\sa-z]")
_POSSESSIVE = re.compile(r"['’]s?$")


def plain_names(text: str) -> list[tuple[str, bool]]:
    """Names typed without capitals, in a query whose writer capitalises nothing mid-sentence
    (one that does writes its names with capitals, which :func:`_names` finds): each pair of
    adjacent words that are not common English words (``kenji watanabe``) gives the same
    keys as the capitalised name would, and an initial with a surname (``k. watanabe``)
    its first-initial key, marked as a person's, as after a title (``dr kenji watanabe``).
    Punctuation and full stops end a name."""
    head = text[:4000]
    if _MID_CAP.search(head):
        return []
    out: list[tuple[str, bool]] = []
    prev = ""  # the last name word or initial of the current run
    initial = ""  # the run's initial just before this word, if any
    titled = False
    for tok in _PLAIN_TOKEN.findall(head.lower()):
        if not tok[0].isalpha():
            prev, initial, titled = "", "", False
            continue
        word = _POSSESSIVE.sub("", tok.rstrip("."))
        ends = tok.endswith(".") and len(word) > 1 and word not in _HONORIFIC
        if word in _HONORIFIC:
            prev, initial, titled = "", "", True
        elif len(word) == 1 and tok.endswith("."):  # an initial ("a", "i" are words)
            if prev and not initial:
                initial = word  # a middle initial: "john q. smith"
            else:
                prev, initial = word, ""
        elif len(word) > 1 and word not in _COMMON and word not in _NOT_NAME | _SUFFIX:
            if initial:  # "k. watanabe" (and "john q. smith", below)
                out.append((f"fis:{initial} {word}", True))
            if len(prev) == 1:
                out.append((f"fis:{prev} {word}", True))
            elif prev:
                person = titled or bool(initial)
                out.append((f"{prev} {word}", person))
                if word not in _GENERIC:
                    out.append((f"fis:{prev[0]} {word}", person))
            titled = titled and not prev
            prev, initial = word, ""
        else:
            prev, initial, titled = "", "", False
        if ends:
            prev, initial, titled = "", "", False
    return out
